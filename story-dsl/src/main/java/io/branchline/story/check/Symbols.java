package io.branchline.story.check;

import io.branchline.story.ast.StoryFile;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The story's scenes and variables across all its files, by name. A name declared twice
 * is reported at the second place and the first one kept.
 */
record Symbols(Map<String, StoryFile.Scene> scenes, Map<String, StoryFile> sceneFiles,
               Map<String, StoryFile.VarDecl> variables) {

    static Symbols collect(List<StoryFile> files, Diagnostics diagnostics) {
        Map<String, StoryFile.Scene> scenes = new LinkedHashMap<>();
        Map<String, StoryFile> sceneFiles = new LinkedHashMap<>();
        Map<String, StoryFile.VarDecl> variables = new LinkedHashMap<>();
        for (StoryFile file : files) {
            for (StoryFile.VarDecl v : file.vars()) {
                StoryFile.VarDecl earlier = variables.putIfAbsent(v.name(), v);
                if (earlier != null) {
                    diagnostics.report(Code.BL0033, v.nameSpan(), "the variable '" + v.name() + "' is already declared at "
                            + where(earlier.nameSpan()) + "; each variable is declared once");
                }
            }
            for (StoryFile.Scene s : file.scenes()) {
                StoryFile.Scene earlier = scenes.putIfAbsent(s.id(), s);
                if (earlier != null) {
                    diagnostics.report(Code.BL0031, s.idSpan(), "the scene '" + s.id() + "' is already defined at "
                            + where(earlier.idSpan()) + "; scene names must be unique across all files of a story");
                } else {
                    sceneFiles.put(s.id(), file);
                }
            }
        }
        return new Symbols(scenes, sceneFiles, variables);
    }

    private static String where(io.branchline.story.source.Span span) {
        return span.file().displayName() + ":" + span.line();
    }
}

package io.branchline.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.model.StoryJson;
import java.nio.file.Path;
import java.util.Map;

/** The diagnostics of a check as JSON, for editors and CI. */
final class DiagnosticsJson {

    private DiagnosticsJson() {
    }

    static String write(Map<Path, CompileResult> results) {
        ObjectMapper mapper = StoryJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode stories = root.putArray("stories");
        for (Map.Entry<Path, CompileResult> e : results.entrySet()) {
            ObjectNode story = stories.addObject();
            story.put("file", e.getKey().toString());
            story.put("ok", e.getValue().ok());
            ArrayNode list = story.putArray("diagnostics");
            for (Diagnostic d : e.getValue().diagnostics()) {
                list.add(diagnostic(mapper, d));
            }
        }
        return root.toPrettyString();
    }

    static ObjectNode diagnostic(ObjectMapper mapper, Diagnostic d) {
        ObjectNode n = mapper.createObjectNode();
        n.put("code", d.code().name());
        n.put("severity", d.severity().word());
        n.put("file", d.file());
        n.put("line", d.line());
        n.put("column", d.column());
        n.put("endLine", d.span().file().line(d.span().end()));
        n.put("endColumn", d.span().file().column(d.span().end()));
        n.put("message", d.message());
        return n;
    }
}

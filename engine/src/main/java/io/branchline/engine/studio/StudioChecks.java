package io.branchline.engine.studio;

import io.branchline.engine.stories.StoryViews;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/** What the editor's check answers: whether the story compiles, and each diagnostic with the file it lies in. */
public final class StudioChecks {

    private StudioChecks() {
    }

    /**
     * {@code {"ok", "errors", "warnings", "diagnostics": [...]}}, each diagnostic as in the studio's
     * view plus {@code source}: its file as the editor names it ({@code sourceName} of its file).
     */
    public static JsonObject view(CompileResult result, UnaryOperator<String> sourceName) {
        JsonArray list = new JsonArray();
        for (Diagnostic d : result.diagnostics()) {
            JsonObject n = new JsonObject(StoryViews.diagnostic(d).toString());
            String source = sourceName.apply(d.file());
            if (source != null) {
                n.put("source", source);
            }
            list.add(n);
        }
        return new JsonObject().put("ok", result.ok()).put("errors", result.errorCount()).put("warnings", result.warningCount())
                .put("diagnostics", list);
    }
}

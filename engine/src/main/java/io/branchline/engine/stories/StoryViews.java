package io.branchline.engine.stories;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.StoryJson;
import java.nio.file.Path;
import java.util.Map;

/** How stories and their diagnostics look as JSON, in the API and on the command line alike. */
public final class StoryViews {

    private static final ObjectMapper MAPPER = StoryJson.mapper();

    private StoryViews() {
    }

    /** The output of {@code branchline check --format json}. */
    public static String checkReport(Map<Path, CompileResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode stories = root.putArray("stories");
        for (Map.Entry<Path, CompileResult> e : results.entrySet()) {
            ObjectNode story = stories.addObject();
            story.put("file", e.getKey().toString());
            story.put("ok", e.getValue().ok());
            story.set("diagnostics", diagnostics(e.getValue()));
        }
        return root.toPrettyString();
    }

    /** A line of {@code GET /api/stories}. */
    public static ObjectNode summary(StoryEntry entry) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", entry.id());
        CompiledStory story = entry.result().story();
        n.put("ok", entry.servable());
        if (story != null) {
            n.put("title", story.title());
            n.put("author", story.author());
            n.put("language", story.language());
            n.put("format", story.format().toString());
            n.put("scenes", story.scenes().size());
            DurationRange range = DurationRange.of(story);
            ObjectNode duration = n.putObject("durationMs");
            if (range.minMs() >= 0) {
                duration.put("min", range.minMs());
            }
            if (range.maxMs() >= 0) {
                duration.put("max", range.maxMs());
            }
        }
        n.put("errors", entry.result().errorCount());
        n.put("warnings", entry.result().warningCount());
        n.put("compiledAt", entry.compiledAt().toString());
        return n;
    }

    /** {@code GET /api/stories/{id}}: the summary, the compiled graph when there is one, and the diagnostics. */
    public static ObjectNode detail(StoryEntry entry) {
        ObjectNode n = summaryWithDiagnostics(entry);
        if (entry.result().story() != null) {
            n.set("graph", MAPPER.valueToTree(entry.result().story()));
        }
        return n;
    }

    /** The summary and the diagnostics, without the graph (the studio's head). */
    public static ObjectNode summaryWithDiagnostics(StoryEntry entry) {
        ObjectNode n = summary(entry);
        n.set("diagnostics", diagnostics(entry.result()));
        return n;
    }

    private static ArrayNode diagnostics(CompileResult result) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Diagnostic d : result.diagnostics()) {
            list.add(diagnostic(d));
        }
        return list;
    }

    /** One diagnostic as the API shows it: code, severity, where (1-based lines and columns), message and printout. */
    public static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", d.code().name());
        n.put("severity", d.severity().word());
        n.put("file", d.file());
        n.put("line", d.line());
        n.put("column", d.column());
        n.put("endLine", d.span().file().line(d.span().end()));
        n.put("endColumn", d.span().file().column(d.span().end()));
        n.put("message", d.message());
        n.put("printed", io.branchline.story.diag.DiagnosticPrinter.print(d));
        return n;
    }
}

package io.branchline.engine.cli;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Step;
import java.util.List;

/** Draws a compiled story's map as Graphviz DOT or Mermaid text. */
final class StoryMap {

    private StoryMap() {
    }

    static String dot(CompiledStory story) {
        StringBuilder b = new StringBuilder();
        b.append("digraph ").append(quote(story.id())).append(" {\n");
        b.append("  label=").append(quote(story.title())).append(";\n");
        b.append("  rankdir=TB;\n  node [shape=box, style=rounded];\n");
        b.append("  \"END\" [shape=doublecircle, label=\"END\"];\n");
        for (CompiledStory.Scene s : story.scenes()) {
            b.append("  ").append(quote(s.id())).append(" [label=").append(quote(s.id() + "\n" + summary(s)));
            if (s.id().equals(story.start())) {
                b.append(", penwidth=2");
            }
            b.append("];\n");
        }
        for (CompiledStory.Scene s : story.scenes()) {
            for (CompiledStory.Exit e : distinct(s.exits())) {
                b.append("  ").append(quote(s.id())).append(" -> ").append(quote(e.target()));
                if (e.label() != null) {
                    b.append(" [label=").append(quote(e.label())).append(e.via().equals("ask") ? ", style=dashed" : "").append("]");
                }
                b.append(";\n");
            }
        }
        return b.append("}\n").toString();
    }

    static String mermaid(CompiledStory story) {
        StringBuilder b = new StringBuilder("flowchart TD\n");
        for (CompiledStory.Scene s : story.scenes()) {
            b.append("  ").append(node(s.id())).append("[\"").append(mermaidText(s.id() + " · " + summary(s))).append("\"]\n");
        }
        b.append("  ").append(node("END")).append("((END))\n");
        for (CompiledStory.Scene s : story.scenes()) {
            for (CompiledStory.Exit e : distinct(s.exits())) {
                b.append("  ").append(node(s.id()));
                b.append(e.label() == null ? " --> " : (e.via().equals("ask") ? " -. \"" : " -- \"") + mermaidText(e.label())
                        + (e.via().equals("ask") ? "\" .-> " : "\" --> "));
                b.append(node(e.target())).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * A scene's exits with each (target, label, kind) once: the same divert written in several arms of an
     * if is one arrow on a map, not several drawn on top of each other.
     */
    static List<CompiledStory.Exit> distinct(List<CompiledStory.Exit> exits) {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        List<CompiledStory.Exit> kept = new java.util.ArrayList<>();
        for (CompiledStory.Exit e : exits) {
            if (seen.add(java.util.Arrays.asList(e.target(), e.label(), e.via()))) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** Mermaid ids may not clash with its keywords ("end"), so every id gets a prefix. */
    private static String node(String id) {
        return "s_" + id;
    }

    private static String summary(CompiledStory.Scene s) {
        int[] shots = {0};
        long[] ms = {0};
        count(s.body(), shots, ms);
        return shots[0] == 0 ? "routes only" : shots[0] + (shots[0] == 1 ? " shot, " : " shots, ") + seconds(ms[0]);
    }

    /** Counts the shots written in a scene (all arms of every if), and their total length. */
    private static void count(List<Step> body, int[] shots, long[] ms) {
        for (Step step : body) {
            if (step instanceof Step.Shot shot) {
                shots[0]++;
                ms[0] += shot.durationMs();
            } else if (step instanceof Step.If ifs) {
                ifs.arms().forEach(a -> count(a.body(), shots, ms));
                count(ifs.otherwise(), shots, ms);
            }
        }
    }

    private static String seconds(long ms) {
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + "s written";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("\n", " ");
    }
}

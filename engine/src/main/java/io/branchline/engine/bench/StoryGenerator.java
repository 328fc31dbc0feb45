package io.branchline.engine.bench;

/**
 * Writes large, valid stories for benchmarks: every scene has shots with captions and
 * interpolation, and scenes branch with choices, conditions and assignments, so every pass
 * of the checker has real work to do.
 */
public final class StoryGenerator {

    private StoryGenerator() {
    }

    /** A story of {@code scenes} scenes (at least 2) that checks with no error and no warning. */
    public static String story(int scenes) {
        StringBuilder b = new StringBuilder(scenes * 220);
        b.append("title: Generated benchmark story\nauthor: branchline bench\nformat: 480x854 30fps\n")
                .append("style: \"benchmark style\"\nstart: s0\n\nvar score = 0\nvar name = \"Viewer\"\nvar lucky = false\n\n");
        for (int i = 0; i < scenes; i++) {
            int next = i + 1;
            b.append("=== s").append(i).append(" ===\n");
            b.append("shot 2s generate \"scene ").append(i).append(" of a long road, {name}\"\n");
            b.append("  caption \"Score {score}\"\n");
            b.append("~ score += ").append(i % 7).append('\n');
            if (next >= scenes) {
                b.append("shot 1s title \"The end, {name}\"\n-> END\n\n");
                continue;
            }
            int other = Math.min(scenes - 1, i + 2);
            switch (i % 4) {
                case 0 -> b.append("choice 1s default s").append(next).append('\n')
                        .append("  * \"Go on\" -> s").append(next).append(" weight 3\n")
                        .append("  * \"Skip ahead\" if score > 3 ~ lucky = true -> s").append(other).append('\n');
                case 1 -> b.append("if lucky and visits(s").append(i).append(") == 1\n")
                        .append("  shot 1s color \"#203040\"\n  -> s").append(next).append("\nelse\n")
                        .append("  shot 1s title \"Onwards\"\n  -> s").append(other).append("\nend\n");
                case 2 -> b.append("ask name \"Your name?\" 2s default \"Viewer\" -> s").append(next).append('\n');
                default -> b.append("-> s").append(next).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }
}

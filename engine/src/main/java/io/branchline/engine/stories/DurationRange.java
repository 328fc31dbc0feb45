package io.branchline.engine.stories;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Step;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * How long a story can take: the shortest path of video from the start to an ending, and the
 * longest (none when a loop lets a viewer go on for ever). Counted from the shots as written,
 * over every way out of each scene; conditions are not evaluated, so it is a range of what the
 * story's map allows.
 *
 * @param minMs the shortest video from start to an ending, or -1 when no ending is reachable
 * @param maxMs the longest, or -1 when a loop makes it unbounded
 */
public record DurationRange(long minMs, long maxMs) {

    private static final String END = "END";

    public static DurationRange of(CompiledStory story) {
        Map<String, CompiledStory.Scene> scenes = story.sceneIndex();
        Map<String, long[]> video = new HashMap<>();
        scenes.forEach((id, s) -> video.put(id, span(s.body())));
        return new DurationRange(shortest(story.start(), scenes, video), longest(story.start(), scenes, video));
    }

    /** The least and most video a scene's body can show: arms of an if give the range. */
    private static long[] span(List<Step> body) {
        long min = 0;
        long max = 0;
        for (Step step : body) {
            if (step instanceof Step.Shot shot) {
                min += shot.durationMs();
                max += shot.durationMs();
            } else if (step instanceof Step.If ifs) {
                long armMin = Long.MAX_VALUE;
                long armMax = 0;
                for (Step.Arm arm : ifs.arms()) {
                    long[] s = span(arm.body());
                    armMin = Math.min(armMin, s[0]);
                    armMax = Math.max(armMax, s[1]);
                }
                long[] otherwise = span(ifs.otherwise());
                min += Math.min(armMin, otherwise[0]);
                max += Math.max(armMax, otherwise[1]);
            }
        }
        return new long[] {min, max};
    }

    private static long shortest(String start, Map<String, CompiledStory.Scene> scenes, Map<String, long[]> video) {
        Map<String, Long> best = new HashMap<>();
        PriorityQueue<Map.Entry<String, Long>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        queue.add(Map.entry(start, video.get(start)[0]));
        while (!queue.isEmpty()) {
            var e = queue.poll();
            if (e.getKey().startsWith(END + "@")) {
                return e.getValue();
            }
            if (best.containsKey(e.getKey())) {
                continue;
            }
            best.put(e.getKey(), e.getValue());
            for (CompiledStory.Exit exit : scenes.get(e.getKey()).exits()) {
                if (exit.target().equals(END)) {
                    queue.add(Map.entry(END + "@" + e.getKey(), e.getValue()));
                } else if (scenes.containsKey(exit.target()) && !best.containsKey(exit.target())) {
                    queue.add(Map.entry(exit.target(), e.getValue() + video.get(exit.target())[0]));
                }
            }
        }
        return -1;
    }

    private static long longest(String start, Map<String, CompiledStory.Scene> scenes, Map<String, long[]> video) {
        Map<String, Long> memo = new HashMap<>();
        Set<String> onPath = new HashSet<>();
        long result = longestFrom(start, scenes, video, memo, onPath);
        return result < 0 ? -1 : result;
    }

    /** Depth first with memo; -1 when a loop is reachable (unbounded), else the longest video to an ending. */
    private static long longestFrom(String scene, Map<String, CompiledStory.Scene> scenes, Map<String, long[]> video,
                                    Map<String, Long> memo, Set<String> onPath) {
        if (memo.containsKey(scene)) {
            return memo.get(scene);
        }
        if (!onPath.add(scene)) {
            return -1;
        }
        long best = Long.MIN_VALUE;
        for (CompiledStory.Exit exit : scenes.get(scene).exits()) {
            long after;
            if (exit.target().equals(END)) {
                after = 0;
            } else if (!scenes.containsKey(exit.target())) {
                continue;
            } else {
                after = longestFrom(exit.target(), scenes, video, memo, onPath);
                if (after == -1) {
                    onPath.remove(scene);
                    memo.put(scene, -1L);
                    return -1;
                }
                if (after == Long.MIN_VALUE) {
                    continue;
                }
            }
            best = Math.max(best, after);
        }
        onPath.remove(scene);
        long result = best == Long.MIN_VALUE ? Long.MIN_VALUE : best + video.get(scene)[1];
        memo.put(scene, result);
        return result;
    }
}

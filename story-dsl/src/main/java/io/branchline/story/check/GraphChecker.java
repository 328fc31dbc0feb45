package io.branchline.story.check;

import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Target;
import io.branchline.story.ast.Walk;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.model.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the story as a map of scenes: which scenes no path reaches, whether any path can
 * end, and which scenes can route to each other forever without showing anything.
 */
final class GraphChecker {

    /** What one scene contributes to the map. */
    /**
     * What one scene contributes to the map; {@code broken} when a line of it could not be
     * parsed, so its exits are not fully known and map-wide warnings would only be guesses.
     */
    private record Node(StoryFile.Scene scene, Set<String> exits, Set<String> instantExits, boolean changesState,
                        boolean shows, boolean broken) {
    }

    private GraphChecker() {
    }

    /** @param start the first scene, or null when it is unknown (reachability is then not checked) */
    static void check(Symbols symbols, String start, Diagnostics diagnostics) {
        Map<String, Node> nodes = new HashMap<>();
        for (StoryFile.Scene scene : symbols.scenes().values()) {
            nodes.put(scene.id(), node(scene));
        }
        loops(symbols, nodes, diagnostics);
        if (start != null && nodes.values().stream().noneMatch(Node::broken)) {
            reachability(symbols, nodes, start, diagnostics);
        }
    }

    private static void reachability(Symbols symbols, Map<String, Node> nodes, String start, Diagnostics diagnostics) {
        Set<String> reached = reach(start, nodes);
        // An exit to an unknown scene (already an error) might have been the way to the end: stay quiet then.
        boolean canEnd = false;
        for (StoryFile.Scene scene : symbols.scenes().values()) {
            if (!reached.contains(scene.id())) {
                diagnostics.report(Code.BL0100, scene.idSpan(), "no path from the start scene '" + start + "' reaches scene '"
                        + scene.id() + "'; viewers will never see it");
            } else {
                for (String exit : nodes.get(scene.id()).exits()) {
                    canEnd |= exit.equals(Target.END) || !nodes.containsKey(exit);
                }
            }
        }
        if (!canEnd && symbols.scenes().containsKey(start)) {
            diagnostics.report(Code.BL0103, symbols.scenes().get(start).idSpan(), "no path from scene '" + start
                    + "' reaches '-> END'; viewers can never finish this story");
        }
    }

    private static void loops(Symbols symbols, Map<String, Node> nodes, Diagnostics diagnostics) {
        for (List<String> cycle : Cycles.find(nodes.keySet(), id -> nodes.get(id).instantExits())) {
            // Forever: nothing in the loop can ever show anything or lead out of it; or nothing in it
            // changes, so once the viewer is in, every pass decides the same way.
            if (cycle.stream().anyMatch(id -> nodes.get(id).broken())) {
                continue;
            }
            boolean wayOut = cycle.stream().anyMatch(id -> nodes.get(id).shows()
                    || nodes.get(id).instantExits().stream().anyMatch(t -> !cycle.contains(t)));
            if (!wayOut || cycle.stream().noneMatch(id -> nodes.get(id).changesState())) {
                StoryFile.Scene first = symbols.scenes().get(cycle.get(0));
                List<String> shown = new ArrayList<>(cycle);
                shown.add(cycle.get(0));
                String loop = cycle.size() == 1 ? "scene '" + first.id() + "' can go back to itself" : "scenes " + String.join(" -> ", shown);
                String why = wayOut ? "nothing on the way changes a variable or reads visits(), so every pass goes the same way"
                        : "no path in it shows a shot, asks the viewer or leads out of it";
                diagnostics.report(Code.BL0054, first.idSpan(), loop + " can loop forever without showing a shot or asking the viewer: "
                        + why + "; expected a shot, a choice, an ask or a way out of the loop");
            }
        }
    }

    private static Set<String> reach(String start, Map<String, Node> nodes) {
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        if (nodes.containsKey(start)) {
            queue.add(start);
            reached.add(start);
        }
        while (!queue.isEmpty()) {
            for (String next : nodes.get(queue.poll()).exits()) {
                if (nodes.containsKey(next) && reached.add(next)) {
                    queue.add(next);
                }
            }
        }
        return reached;
    }

    private static Node node(StoryFile.Scene scene) {
        Set<String> exits = new LinkedHashSet<>();
        boolean[] changes = {false};
        Walk.statements(scene.body(), s -> {
            if (s instanceof Stmt.Divert d) {
                exits.add(d.target().name());
            } else if (s instanceof Stmt.Choice c) {
                c.options().forEach(o -> exits.add(o.target().name()));
            } else if (s instanceof Stmt.Ask a) {
                exits.add(a.target().name());
            } else if (s instanceof Stmt.Assign) {
                changes[0] = true;
            }
            Walk.expressions(s, e -> changes[0] |= readsVisits(e));
        });
        Set<String> instant = new LinkedHashSet<>();
        instant(scene.body(), true, instant);
        boolean[] shows = {false};
        boolean[] broken = {false};
        Walk.statements(scene.body(), s -> {
            shows[0] |= s instanceof Stmt.Shot || s instanceof Stmt.Choice || s instanceof Stmt.Ask;
            broken[0] |= s instanceof Stmt.Invalid;
        });
        return new Node(scene, exits, instant, changes[0], shows[0], broken[0]);
    }

    /**
     * Collects diverts that a path can reach before any shot, choice or ask; returns whether
     * a path through the block can still be without a shot at its end.
     */
    private static boolean instant(List<Stmt> body, boolean noShotYet, Set<String> into) {
        boolean open = noShotYet;
        for (Stmt s : body) {
            if (!open) {
                return false;
            }
            if (s instanceof Stmt.Shot || s instanceof Stmt.Choice || s instanceof Stmt.Ask) {
                open = false;
            } else if (s instanceof Stmt.Divert d) {
                into.add(d.target().name());
                return false;
            } else if (s instanceof Stmt.If ifs) {
                // An arm whose condition is the literal true always runs: nothing after it can.
                boolean any = false;
                boolean settled = false;
                for (Stmt.Branch b : ifs.branches()) {
                    any |= instant(b.body(), true, into);
                    if (b.condition() instanceof Expr.Literal l && l.value() instanceof Value.Bool v && v.value()) {
                        settled = true;
                        break;
                    }
                }
                if (!settled) {
                    any |= ifs.otherwise() == null || instant(ifs.otherwise(), true, into);
                }
                open = any;
            }
        }
        return open;
    }

    private static boolean readsVisits(Expr e) {
        if (e instanceof Expr.Visits) {
            return true;
        }
        if (e instanceof Expr.Unary u) {
            return readsVisits(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return readsVisits(b.left()) || readsVisits(b.right());
        }
        return false;
    }
}

package io.branchline.story.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the cycles of a directed graph as its strongly connected components (Tarjan's
 * algorithm, written without recursion so a story of many thousand scenes cannot exhaust
 * the stack). A component counts when it has two nodes or more, or a node that leads to itself.
 */
final class Cycles {

    private Cycles() {
    }

    static List<List<String>> find(Collection<String> nodes, Function<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        java.util.Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String root : nodes.stream().sorted().toList()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Frame> frames = new ArrayDeque<>();
            frames.push(new Frame(root, edges.apply(root).stream().filter(nodes::contains).iterator()));
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!frames.isEmpty()) {
                Frame f = frames.peek();
                if (f.next.hasNext()) {
                    String w = f.next.next();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        frames.push(new Frame(w, edges.apply(w).stream().filter(nodes::contains).iterator()));
                    } else if (onStack.contains(w)) {
                        low.put(f.node, Math.min(low.get(f.node), index.get(w)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().node;
                    low.put(parent, Math.min(low.get(parent), low.get(f.node)));
                }
                if (low.get(f.node).equals(index.get(f.node))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(f.node));
                    if (component.size() > 1 || edges.apply(f.node).contains(f.node)) {
                        java.util.Collections.reverse(component);
                        cycles.add(component);
                    }
                }
            }
        }
        return cycles;
    }

    private record Frame(String node, java.util.Iterator<String> next) {
    }
}

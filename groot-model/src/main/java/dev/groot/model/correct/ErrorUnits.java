package dev.groot.model.correct;

import dev.groot.model.reward.Span;
import dev.groot.model.reward.Spans;

import java.util.ArrayList;
import java.util.List;

/**
 * The units a corrector fixes: the error positions of a candidate, either one by one, or grouped
 * so that the positions of one gold-or-predicted span (and of overlapping spans, transitively)
 * form a single unit. Each unit holds only error positions, in ascending order.
 */
final class ErrorUnits {
    private ErrorUnits() {
    }

    static List<int[]> of(List<String> gold, List<String> candidate, boolean wholeSpans) {
        int n = gold.size();
        // group[i] = id of the unit position i belongs to; positions start in their own unit
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        if (wholeSpans) {
            List<Span> spans = new ArrayList<>(Spans.extract(gold));
            spans.addAll(Spans.extract(candidate));
            for (Span s : spans) {
                for (int i = s.start() + 1; i < s.end(); i++) {
                    union(group, s.start(), i);
                }
            }
        }
        List<int[]> units = new ArrayList<>();
        int[] unitOfRoot = new int[n];
        java.util.Arrays.fill(unitOfRoot, -1);
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (gold.get(i).equals(candidate.get(i))) {
                continue;
            }
            int root = find(group, i);
            if (unitOfRoot[root] < 0) {
                unitOfRoot[root] = members.size();
                members.add(new ArrayList<>());
            }
            members.get(unitOfRoot[root]).add(i);
        }
        for (List<Integer> m : members) {
            units.add(m.stream().mapToInt(Integer::intValue).toArray());
        }
        return units;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}

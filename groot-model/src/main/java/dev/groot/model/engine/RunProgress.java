package dev.groot.model.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The committed state of a run as the trainer sees it.
 *
 * @param committed iterations in order (iteration 0 is the warm start)
 * @param best      the iteration with the highest selection value so far (-1 before iteration 0)
 */
public record RunProgress(String runId, List<CommittedIteration> committed, int best) {

    public RunProgress {
        committed = List.copyOf(committed);
    }

    public static RunProgress start(String runId) {
        return new RunProgress(runId, List.of(), -1);
    }

    public RunProgress withRunId(String id) {
        return new RunProgress(id, committed, best);
    }

    public int lastIteration() {
        return committed.isEmpty() ? -1 : committed.get(committed.size() - 1).iteration();
    }

    /** The best iteration after also considering {@code candidate} (a strictly higher value wins). */
    public int bestWith(CommittedIteration candidate) {
        double bestValue = best < 0 ? Double.NEGATIVE_INFINITY
                : committed.stream().filter(c -> c.iteration() == best).findFirst().orElseThrow().selection();
        return candidate.selection() > bestValue ? candidate.iteration() : best;
    }

    public RunProgress with(CommittedIteration iteration) {
        List<CommittedIteration> next = new ArrayList<>(committed);
        next.removeIf(c -> c.iteration() >= iteration.iteration());
        next.add(iteration);
        return new RunProgress(runId, next, bestWith(iteration));
    }

    /** True when the last {@code patience} iterations did not improve on the best one. */
    public boolean patienceExhausted(int patience) {
        return lastIteration() > 0 && lastIteration() - Math.max(best, 0) >= patience;
    }
}

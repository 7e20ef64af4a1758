package dev.groot.spark.job;

import java.util.List;

/**
 * What {@code groot compare} decodes beyond the runs themselves.
 *
 * @param splits           the splits to decode, a non-empty subset of dev and test: dev alone compares a
 *                         configuration the protocol has not selected without decoding test
 * @param controlIteration the control's iteration to compare; null = its best on dev. Setting it to
 *                         GROOT's compares the two after the same number of update passes
 */
public record CompareScope(List<String> splits, Integer controlIteration) {

    private static final List<String> SPLITS = List.of("dev", "test");
    /** Dev and test, each run at its own best iteration on dev. */
    public static final CompareScope DEFAULT = new CompareScope(SPLITS, null);

    public CompareScope {
        splits = List.copyOf(splits);
        if (splits.isEmpty() || !SPLITS.containsAll(splits) || splits.stream().distinct().count() != splits.size()) {
            throw new IllegalArgumentException("compare: --splits must name dev and/or test, each once, got " + splits);
        }
        if (controlIteration != null && controlIteration < 0) {
            throw new IllegalArgumentException("compare: --control-iteration must be >= 0, got " + controlIteration);
        }
    }
}

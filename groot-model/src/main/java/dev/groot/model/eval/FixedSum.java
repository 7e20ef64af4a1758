package dev.groot.model.eval;

import java.io.Serializable;

/**
 * An exact, order-independent sum of values in [0, 1]: each value is rounded to a multiple of
 * 2^-40 and summed as a long, so merging partial sums from any partitioning gives bit-identical
 * totals (a double sum would depend on the merge order). Holds up to about 8 million values.
 */
final class FixedSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double SCALE = 0x1p40;

    private long units;

    void add(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("reward " + value + " outside [0, 1]");
        }
        units = Math.addExact(units, Math.round(value * SCALE));
    }

    void merge(FixedSum other) {
        units = Math.addExact(units, other.units);
    }

    double value() {
        return units / SCALE;
    }
}

package dev.groot.model.engine;

/** Seeds that differ per iteration, so iteration t's update does not replay iteration t-1's shuffles. */
public final class IterationSeeds {

    private IterationSeeds() {
    }

    /** The run seed for iteration 0 (the NLL warm start keeps its seed), a distinct one for every later iteration. */
    public static long of(long runSeed, int iteration) {
        return runSeed + 0x9E3779B97F4A7C15L * iteration;
    }
}

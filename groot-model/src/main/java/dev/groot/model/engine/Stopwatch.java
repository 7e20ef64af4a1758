package dev.groot.model.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds per stage of one iteration (what the run record keeps). */
final class Stopwatch {
    private final long start = System.nanoTime();
    private long lapStart = start;
    private double last;
    private final Map<String, Double> laps = new LinkedHashMap<>();

    void lap(String stage) {
        long now = System.nanoTime();
        last = (now - lapStart) / 1e9;
        laps.merge(stage, last, Double::sum);
        lapStart = now;
    }

    double last() {
        return last;
    }

    double total() {
        return (System.nanoTime() - start) / 1e9;
    }

    Map<String, Double> laps() {
        return new LinkedHashMap<>(laps);
    }
}

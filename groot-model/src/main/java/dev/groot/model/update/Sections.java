package dev.groot.model.update;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall-clock time per section of the grouped update, for profiling on a loaded machine where a
 * sampling profiler sees little of the native time. Off unless the system property
 * {@code groot.update.profile} is true; then every section adds its nanoseconds to a process-wide
 * table that {@link #report()} prints. Single-threaded use only (as the benchmark runs it).
 */
public final class Sections {
    private static final boolean ENABLED = Boolean.getBoolean("groot.update.profile");
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private Sections() {
    }

    static long start() {
        return ENABLED ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code start} to {@code name}; returns a new start. */
    static long stop(String name, long start) {
        if (!ENABLED) {
            return 0;
        }
        long now = System.nanoTime();
        long[] t = TOTALS.computeIfAbsent(name, k -> new long[2]);
        t[0] += now - start;
        t[1]++;
        return now;
    }

    public static boolean enabled() {
        return ENABLED;
    }

    public static void reset() {
        TOTALS.clear();
    }

    /** One line per section: seconds, share of the total, calls. */
    public static String report() {
        double total = 0;
        for (long[] t : TOTALS.values()) {
            total += t[0];
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, long[]> e : TOTALS.entrySet()) {
            b.append(String.format(Locale.ROOT, "%-22s %8.2f s %5.1f%% %7d calls%n", e.getKey(), e.getValue()[0] / 1e9,
                    100 * e.getValue()[0] / Math.max(1, total), e.getValue()[1]));
        }
        return b.toString();
    }
}

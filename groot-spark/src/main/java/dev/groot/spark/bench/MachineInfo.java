package dev.groot.spark.bench;

import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How loaded and how set up the machine was: the figures mean little without it on a shared host. */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** The 1, 5 and 15 minute load averages (empty where /proc/loadavg does not exist). */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? List.of() : List.of(l);
        }
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        m.put("javacpp_platform", Loader.getPlatform());
        m.put("javacpp_platform_extension", String.valueOf(System.getProperty("javacpp.platform.extension")));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /**
     * CPU seconds used by this JVM so far (all threads), or NaN if the JVM cannot tell. On a shared
     * machine, work per CPU second is the figure that does not depend on what else runs.
     */
    public static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}

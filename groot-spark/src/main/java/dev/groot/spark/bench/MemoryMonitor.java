package dev.groot.spark.bench;

import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples JVM heap use and JavaCPP off-heap memory (ND4J's native buffers) every few
 * milliseconds; {@link #cut} returns the peaks since the previous cut plus what is still held
 * after a GC, so windows (one GROOT iteration each) can be compared for growth.
 */
public final class MemoryMonitor implements AutoCloseable {
    private static final long MIB = 1024L * 1024L;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakHeap;
    private long peakOffHeap;
    private long peakPhysical;

    public MemoryMonitor(long periodMillis) {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "groot-bench-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        peakOffHeap = Math.max(peakOffHeap, Pointer.totalBytes());
        peakPhysical = Math.max(peakPhysical, Pointer.physicalBytes());
    }

    /** Peaks (MiB) since the last cut, and heap / off-heap held after a full GC; resets the peaks. */
    public synchronized Map<String, Object> cut() {
        sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_heap_mib", peakHeap / MIB);
        m.put("peak_offheap_javacpp_mib", peakOffHeap / MIB);
        m.put("peak_process_physical_mib", peakPhysical / MIB);
        System.gc();
        m.put("heap_after_gc_mib", memory.getHeapMemoryUsage().getUsed() / MIB);
        m.put("offheap_javacpp_after_gc_mib", Pointer.totalBytes() / MIB);
        peakHeap = 0;
        peakOffHeap = 0;
        peakPhysical = 0;
        return m;
    }

    public static long maxHeapMib() {
        return Runtime.getRuntime().maxMemory() / MIB;
    }

    public static long maxOffHeapMib() {
        return Pointer.maxBytes() / MIB;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}

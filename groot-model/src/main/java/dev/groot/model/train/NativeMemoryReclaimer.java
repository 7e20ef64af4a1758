package dev.groot.model.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ND4J frees an array's native buffer only after the JVM has collected its small Java wrapper.
 * Training and decoding allocate far more native memory per minibatch than Java heap, so the heap
 * rarely fills, collections are rare, and the process grows by gigabytes (seen: 9 GB resident
 * with -Xmx3g after 30 minutes of NLL training on Brown, until the machine ran out of memory).
 * Calling {@link #maybeCollect} once per minibatch asks for a collection at most once per interval,
 * which returns those buffers. Thread-safe: the training and decoding loops of a JVM share
 * {@link #SHARED}, so one clock paces the collections however many loops and task threads run.
 */
public final class NativeMemoryReclaimer {
    /** 10 s: a collection of a ~1 GB heap takes well under 1% of that. */
    public static final long DEFAULT_INTERVAL_MS = 10_000;
    /** The process-wide instance the loops call. */
    public static final NativeMemoryReclaimer SHARED = new NativeMemoryReclaimer();

    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(System.nanoTime());
    private final AtomicInteger collections = new AtomicInteger();

    public NativeMemoryReclaimer() {
        this(DEFAULT_INTERVAL_MS);
    }

    public NativeMemoryReclaimer(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be > 0 ms, got " + intervalMs);
        }
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    /** Requests a collection if the last one this instance requested is at least one interval ago. */
    public void maybeCollect() {
        long previous = last.get();
        long now = System.nanoTime();
        // the thread that wins the exchange collects; the others go on
        if (now - previous >= intervalNanos && last.compareAndSet(previous, now)) {
            System.gc();
            collections.incrementAndGet();
            last.set(System.nanoTime());
        }
    }

    /** Collections requested so far (for tests and progress lines). */
    public int collections() {
        return collections.get();
    }
}

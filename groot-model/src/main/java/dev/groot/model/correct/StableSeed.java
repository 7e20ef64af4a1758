package dev.groot.model.correct;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from (run seed, iteration, example id, rank) that are the same on every JVM and
 * partitioning: FNV-1a 64 over the id's UTF-8 bytes, each part folded in through the SplitMix64
 * finalizer, so nearby inputs (iteration 1 vs 2, "a1" vs "a2") give unrelated seeds and no
 * concatenation can collide trivially.
 */
public final class StableSeed {
    private StableSeed() {
    }

    public static long of(long runSeed, int iteration, String exampleId, int rank) {
        long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ iteration);
        h = mix(h ^ hash(exampleId));
        return mix(h ^ rank);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes, then mixed. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    /** SplitMix64 finalizer: a bijective 64-bit mix. */
    public static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

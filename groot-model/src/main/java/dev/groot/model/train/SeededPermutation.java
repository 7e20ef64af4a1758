package dev.groot.model.train;

/**
 * A seeded random permutation of {0, ..., n-1} whose value at any index is computed on its own,
 * without materialising the permutation: a 4-round Feistel network on the smallest even number
 * of bits covering n, walked until it lands inside [0, n) (a bijection of the larger domain
 * restricted by cycle walking stays a bijection; the domain is at most 4n, so few steps).
 * Lets distributed code deal N items into exactly balanced shares ({@code apply(i) % workers})
 * in a random order that is the same on every executor and in every run.
 */
public final class SeededPermutation implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int ROUNDS = 4;
    private final long n;
    private final long seed;
    private final int half;
    private final long mask;

    public SeededPermutation(long n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("a permutation needs n >= 1, got " + n);
        }
        this.n = n;
        this.seed = seed;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        if (bits % 2 == 1) {
            bits++;
        }
        this.half = bits / 2;
        this.mask = (1L << half) - 1;
    }

    public long size() {
        return n;
    }

    /** The image of {@code index} (0 <= index < n). */
    public long apply(long index) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + n + ")");
        }
        long x = index;
        do {
            x = feistel(x);
        } while (x >= n);
        return x;
    }

    private long feistel(long x) {
        long left = x >>> half;
        long right = x & mask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (mix(right, round) & mask);
            left = right;
            right = next;
        }
        return (left << half) | right;
    }

    private long mix(long value, int round) {
        long h = value * 0x9E3779B97F4A7C15L + seed + round * 0xD1B54A32D192ED03L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

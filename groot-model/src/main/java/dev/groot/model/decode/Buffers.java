package dev.groot.model.decode;

/** Growable scratch arrays: the decoding loops reuse them across steps and batches instead of allocating. */
final class Buffers {
    private Buffers() {
    }

    /** {@code a} if it holds at least {@code n} floats, else a larger new array (contents not kept). */
    static float[] fit(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("decoding buffer of " + n + " floats is too large: use a smaller decode batch");
        }
        if (a != null && a.length >= n) {
            return a;
        }
        long grown = a == null ? n : Math.max(n, a.length + (long) a.length / 2);
        return new float[(int) Math.min(grown, Integer.MAX_VALUE - 8)];
    }
}

package dev.groot.model.decode;

/**
 * The LSTM cell update on plain float[] rows, in the gate order of {@link LstmCell} ([f o i a]):
 * c' = sigmoid(f) * c + sigmoid(i) * tanh(a), h' = sigmoid(o) * tanh(c'). Contiguous loops in
 * Java: at decoding sizes (a few hundred rows) one ND4J call per elementwise op cost more than
 * the arithmetic. The gates are computed in double, so they match ND4J's float ops to ~1e-7.
 */
final class GateMath {
    private GateMath() {
    }

    /**
     * One row. The pre-activations are the sum of {@code rec[recOff..+4H)}, {@code a[aOff..+4H)} and,
     * when {@code b} is not null, {@code b[bOff..+4H)}; {@code c[stateOff..+H)} and
     * {@code h[stateOff..+H)} are updated in place.
     */
    static void cell(float[] rec, int recOff, float[] a, int aOff, float[] b, int bOff,
                     float[] c, float[] h, int stateOff, int hidden) {
        int o = hidden;
        int i = 2 * hidden;
        int g = 3 * hidden;
        for (int j = 0; j < hidden; j++) {
            double zf = rec[recOff + j] + a[aOff + j];
            double zo = rec[recOff + o + j] + a[aOff + o + j];
            double zi = rec[recOff + i + j] + a[aOff + i + j];
            double za = rec[recOff + g + j] + a[aOff + g + j];
            if (b != null) {
                zf += b[bOff + j];
                zo += b[bOff + o + j];
                zi += b[bOff + i + j];
                za += b[bOff + g + j];
            }
            double cell = sigmoid(zf) * c[stateOff + j] + sigmoid(zi) * tanh(za);
            c[stateOff + j] = (float) cell;
            h[stateOff + j] = (float) (sigmoid(zo) * tanh(cell));
        }
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** tanh through exp (Math.tanh is not an intrinsic and several times slower); exact to ~1e-16. */
    static double tanh(double x) {
        return 2.0 / (1.0 + Math.exp(-2.0 * x)) - 1.0;
    }

    /** log-softmax of each of {@code rows} rows of width {@code n}, from {@code logits} (+ bias) into {@code out}. */
    static void logSoftmax(float[] logits, float[] bias, int rows, int n, float[] out) {
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < n; y++) {
                max = Math.max(max, (double) logits[off + y] + bias[y]);
            }
            double sum = 0;
            for (int y = 0; y < n; y++) {
                sum += Math.exp(logits[off + y] + bias[y] - max);
            }
            double norm = max + Math.log(sum);
            for (int y = 0; y < n; y++) {
                out[off + y] = (float) (logits[off + y] + bias[y] - norm);
            }
        }
    }
}

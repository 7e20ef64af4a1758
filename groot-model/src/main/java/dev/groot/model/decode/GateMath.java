package dev.groot.model.decode;

/**
 * The LSTM cell update on plain float[] rows, in the gate order of {@link LstmCell} ([f o i a]):
 * c' = sigmoid(f) * c + sigmoid(i) * tanh(a), h' = sigmoid(o) * tanh(c'). Java loops instead of
 * ND4J ops: at decoding sizes one native call per elementwise op costs more than the arithmetic.
 * Written as short loops over contiguous arrays with an exp built from multiply-adds, so the JIT
 * vectorises them (measured ~3x faster than Math.exp per element); computed in double, the
 * results match ND4J's float ops to float rounding (~2e-7).
 */
final class GateMath {
    private GateMath() {
    }

    /**
     * One row. The pre-activations are the sum of {@code rec[recOff..+4H)}, {@code a[aOff..+4H)} and,
     * when {@code b} is not null, {@code b[bOff..+4H)}; {@code c[stateOff..+H)} and
     * {@code h[stateOff..+H)} are updated in place. {@code z} is scratch of at least 4H.
     */
    static void cell(float[] rec, int recOff, float[] a, int aOff, float[] b, int bOff,
                     float[] c, float[] h, int stateOff, int hidden, double[] z) {
        int g = 4 * hidden;
        if (b == null) {
            for (int j = 0; j < g; j++) {
                z[j] = (double) rec[recOff + j] + a[aOff + j];
            }
        } else {
            for (int j = 0; j < g; j++) {
                z[j] = (double) rec[recOff + j] + a[aOff + j] + b[bOff + j];
            }
        }
        // tanh(x) = 2 sigmoid(2x) - 1: one sigmoid loop over all four gates
        for (int j = 3 * hidden; j < g; j++) {
            z[j] = 2 * z[j];
        }
        for (int j = 0; j < g; j++) {
            z[j] = 1.0 / (1.0 + exp(-z[j]));
        }
        int i = 2 * hidden;
        int in = 3 * hidden;
        for (int j = 0; j < hidden; j++) {
            double cell = z[j] * c[stateOff + j] + z[i + j] * (2 * z[in + j] - 1.0);
            c[stateOff + j] = (float) cell;
            z[j] = 2 * cell;
        }
        for (int j = 0; j < hidden; j++) {
            z[j] = 1.0 / (1.0 + exp(-z[j]));
        }
        for (int j = 0; j < hidden; j++) {
            h[stateOff + j] = (float) (z[hidden + j] * (2 * z[j] - 1.0));
        }
    }

    /**
     * e^x for |x| <= 20 (clamped beyond, where the sigmoid is 1 or 0 to within 2e-9):
     * (e^(x/32))^32 with a degree-9 Taylor polynomial, relative error below 1e-7.
     */
    static double exp(double x) {
        double y = Math.max(-20.0, Math.min(20.0, x)) * (1.0 / 32);
        double p = 1 + y * (1 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120 + y * (1.0 / 720
                + y * (1.0 / 5040 + y * (1.0 / 40320 + y * (1.0 / 362880)))))))));
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p;
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

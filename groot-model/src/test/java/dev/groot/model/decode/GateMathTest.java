package dev.groot.model.decode;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateMathTest {
    @Test
    void expIsAccurateOnTheGateRange() {
        for (double x = -20; x <= 20; x += 0.001) {
            assertEquals(1.0, GateMath.exp(x) / Math.exp(x), 2e-7, "x = " + x);
        }
        assertEquals(Math.exp(-20), GateMath.exp(-500), 1e-12);
        assertTrue(Double.isFinite(GateMath.exp(1e6)));
    }

    @Test
    void cellEqualsTheLstmEquations() {
        int hidden = 5;
        Random r = new Random(4);
        float[] rec = new float[4 * hidden];
        float[] in = new float[4 * hidden];
        float[] bias = new float[4 * hidden];
        float[] c = new float[hidden];
        for (int j = 0; j < 4 * hidden; j++) {
            rec[j] = (float) (3 * r.nextGaussian());
            in[j] = (float) r.nextGaussian();
            bias[j] = (float) r.nextGaussian();
        }
        for (int j = 0; j < hidden; j++) {
            c[j] = (float) r.nextGaussian();
        }
        float[] c0 = c.clone();
        float[] h = new float[hidden];
        GateMath.cell(rec, 0, in, 0, bias, 0, c, h, 0, hidden, new double[4 * hidden]);
        for (int j = 0; j < hidden; j++) {
            double f = sigmoid(rec[j] + in[j] + bias[j]);
            double o = sigmoid(rec[hidden + j] + in[hidden + j] + bias[hidden + j]);
            double i = sigmoid(rec[2 * hidden + j] + in[2 * hidden + j] + bias[2 * hidden + j]);
            double a = Math.tanh(rec[3 * hidden + j] + in[3 * hidden + j] + bias[3 * hidden + j]);
            double cell = f * c0[j] + i * a;
            assertEquals(cell, c[j], 1e-6);
            assertEquals(o * Math.tanh(cell), h[j], 1e-6);
        }
    }

    @Test
    void logSoftmaxRowsSumToOne() {
        float[] logits = {1f, 2f, 3f, -100f, 0f, 100f};
        float[] bias = {0.5f, 0f, -0.5f};
        float[] out = new float[6];
        GateMath.logSoftmax(logits, bias, 2, 3, out);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int y = 0; y < 3; y++) {
                sum += Math.exp(out[r * 3 + y]);
            }
            assertEquals(1.0, sum, 1e-6);
        }
        assertEquals(1.5 - Math.log(Math.exp(1.5) + Math.exp(2) + Math.exp(2.5)), out[0], 1e-6);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

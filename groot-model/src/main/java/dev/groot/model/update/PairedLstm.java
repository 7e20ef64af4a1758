package dev.groot.model.update;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two encoder LSTMs (forward, and backward on the reversed sentences) run as ONE LSTM of
 * 2H units with block-diagonal weights: gate block g of the pair is [forward H | backward H], the
 * input is [x_fwd | x_rev], so the two directions never mix and the result is exactly the two
 * separate LSTMs. The encoder runs over few sequences (one per sentence), where every step is mostly
 * native-call overhead; pairing halves the calls per step at the price of multiplying the zero
 * blocks (small matrices). Gradients of the zero blocks are computed and dropped.
 */
final class PairedLstm {
    private final long hidden;
    private final long nIn;
    private final Scratch scratch;
    private final LstmKernel kernel;
    private INDArray weights;
    private INDArray recurrent;
    private INDArray input;

    PairedLstm(long nIn, long hidden, Scratch scratch) {
        this.nIn = nIn;
        this.hidden = hidden;
        this.scratch = scratch;
        this.kernel = new LstmKernel("enc", 2 * hidden, scratch);
    }

    /**
     * @param fwdIn [steps * rows, nIn] forward-direction input; {@code revIn} the reversed one
     * @param p     W, RW, b of the forward then the backward LSTM (DL4J shapes, gates [a f o i])
     * @return [steps * rows, 2H]: forward states | backward states (in reversed time)
     */
    INDArray forward(INDArray fwdIn, INDArray revIn, INDArray[] p, long steps, long rows) {
        long h = hidden;
        weights = scratch.zeros("enc.W", 2 * nIn, 8 * h);
        recurrent = scratch.zeros("enc.RW", 2 * h, 8 * h);
        INDArray bias = scratch.take("enc.b", 1, 8 * h);
        for (int d = 0; d < 2; d++) {
            for (long g = 0; g < 4; g++) {
                long to = g * 2 * h + d * h;
                block(weights, d * nIn, (d + 1) * nIn, to, to + h).assign(LstmKernel.cols(p[3 * d], g * h, (g + 1) * h));
                block(recurrent, d * h, (d + 1) * h, to, to + h).assign(LstmKernel.cols(p[3 * d + 1], g * h, (g + 1) * h));
                LstmKernel.cols(bias, to, to + h).assign(LstmKernel.cols(p[3 * d + 2].reshape(1, 4 * h), g * h, (g + 1) * h));
            }
        }
        input = Nd4j.hstack(fwdIn, revIn);
        INDArray z = scratch.take("enc.z", steps * rows, 8 * h);
        Nd4j.gemm(input, weights, z, false, false, 1.0, 0.0);
        z.addiRowVector(bias);
        return kernel.forward(z, recurrent, steps, rows);
    }

    /**
     * Backward for the last forward: {@code dOut} [steps * rows, 2H] in the same fwd | bwd layout.
     * Writes dW, dRW, db of both LSTMs into {@code grads} (same order as the parameters) and returns
     * dL/d[x_fwd | x_rev] [steps * rows, 2 nIn].
     */
    INDArray backward(INDArray dOut, INDArray[] grads) {
        long h = hidden;
        INDArray dRecurrent = scratch.take("enc.dRW", 2 * h, 8 * h);
        INDArray dBias = scratch.take("enc.db", 1, 8 * h);
        INDArray dz = kernel.backward(dOut, recurrent, dRecurrent, dBias);
        INDArray dWeights = scratch.take("enc.dW", 2 * nIn, 8 * h);
        Nd4j.gemm(input, dz, dWeights, true, false, 1.0, 0.0);
        for (int d = 0; d < 2; d++) {
            for (long g = 0; g < 4; g++) {
                long from = g * 2 * h + d * h;
                LstmKernel.cols(grads[3 * d], g * h, (g + 1) * h).assign(block(dWeights, d * nIn, (d + 1) * nIn, from, from + h));
                LstmKernel.cols(grads[3 * d + 1], g * h, (g + 1) * h).assign(block(dRecurrent, d * h, (d + 1) * h, from, from + h));
                LstmKernel.cols(grads[3 * d + 2].reshape(1, 4 * h), g * h, (g + 1) * h).assign(LstmKernel.cols(dBias, from, from + h));
            }
        }
        return dz.mmul(weights.transpose());
    }

    private static INDArray block(INDArray a, long r0, long r1, long c0, long c1) {
        return LstmKernel.cols(LstmKernel.rowsOf(a, r0, r1), c0, c1);
    }
}

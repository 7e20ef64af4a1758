package dev.groot.model.update;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward and backward pass of one LSTM layer with DL4J's equations and parameter layout
 * (LSTMHelpers without peepholes: gate columns [a f o i], a = tanh, f/o/i = sigmoid;
 * c_t = f c_{t-1} + i a, h_t = o tanh(c_t); zero initial state).
 * <p>All arrays are time-major: row {@code t * n + k} is sequence k at step t, so every step is one
 * contiguous [n, 4H] block. The caller supplies the input pre-activations x W + b for all steps
 * (one GEMM) and does the input-side products of the backward pass itself (one GEMM each); this
 * class only adds the recurrent products, caches what the backward pass needs (no second forward
 * pass) and produces the pre-activation gradients dZ, from which dRW and db come as one GEMM and one
 * column sum over all steps. Padding at the end of a sequence needs no mask: its outputs receive a
 * zero gradient, which then stays zero back to the last real step.
 */
final class LstmKernel {
    private final String name;
    private final long hidden;
    private final Scratch scratch;
    private INDArray gates;
    private INDArray cells;
    private INDArray tanhCells;
    private INDArray out;
    private long steps;
    private long rows;

    long hiddenSize() {
        return hidden;
    }

    LstmKernel(String name, long hidden, Scratch scratch) {
        this.name = name;
        this.hidden = hidden;
        this.scratch = scratch;
    }

    /**
     * Runs the layer. {@code z} [steps * rows, 4H] holds x W + b and is overwritten with the gate
     * activations (kept for the backward pass). Returns the hidden states [steps * rows, H] (a
     * scratch buffer, valid until the next forward call).
     */
    INDArray forward(INDArray z, INDArray recurrentWeights, long steps, long rows) {
        this.steps = steps;
        this.rows = rows;
        this.gates = z;
        long h = hidden;
        cells = scratch.take(name + ".c", steps * rows, h);
        tanhCells = scratch.take(name + ".tc", steps * rows, h);
        out = scratch.take(name + ".h", steps * rows, h);
        INDArray tmp = scratch.take(name + ".tmp", rows, h);
        for (long t = 0; t < steps; t++) {
            INDArray zt = block(z, t);
            if (t > 0) {
                Nd4j.gemm(block(out, t - 1), recurrentWeights, zt, false, false, 1.0, 1.0);
            }
            INDArray a = cols(zt, 0, h);
            Nd4j.exec(new Tanh(a, a));
            INDArray sig = cols(zt, h, 4 * h);
            Nd4j.exec(new Sigmoid(sig, sig));
            INDArray ct = block(cells, t);
            Nd4j.exec(new MulOp(cols(zt, 3 * h, 4 * h), a, ct));
            if (t > 0) {
                Nd4j.exec(new MulOp(cols(zt, h, 2 * h), block(cells, t - 1), tmp));
                ct.addi(tmp);
            }
            INDArray tc = block(tanhCells, t);
            Nd4j.exec(new Tanh(ct, tc));
            Nd4j.exec(new MulOp(cols(zt, 2 * h, 3 * h), tc, block(out, t)));
        }
        return out;
    }

    /**
     * Backward pass for the last {@link #forward}. {@code dOut} [steps * rows, H] is the loss gradient
     * with respect to the hidden states. Writes dL/dRW and dL/db into the given arrays (overwriting)
     * and returns dL/dZ [steps * rows, 4H] (a scratch buffer) for the caller's input-side products.
     */
    INDArray backward(INDArray dOut, INDArray recurrentWeights, INDArray dRecurrent, INDArray dBias) {
        long h = hidden;
        if (dOut.elementWiseStride() != 1) {
            // row ranges of a column view come back empty from ND4J's get() (M2.1): work on a copy
            dOut = dOut.dup('c');
        }
        INDArray dz = scratch.take(name + ".dz", steps * rows, 4 * h);
        INDArray dh = scratch.take(name + ".dh", rows, h);
        INDArray dc = scratch.take(name + ".dc", rows, h);
        INDArray dcNext = scratch.take(name + ".dcNext", rows, h);
        INDArray tmp = scratch.take(name + ".tmp", rows, h);
        INDArray sigDeriv = scratch.take(name + ".sd", rows, 3 * h);
        for (long t = steps - 1; t >= 0; t--) {
            INDArray g = block(gates, t);
            INDArray a = cols(g, 0, h);
            INDArray f = cols(g, h, 2 * h);
            INDArray o = cols(g, 2 * h, 3 * h);
            INDArray i = cols(g, 3 * h, 4 * h);
            INDArray tc = block(tanhCells, t);
            INDArray dzt = block(dz, t);
            dh.assign(block(dOut, t));
            if (t < steps - 1) {
                Nd4j.gemm(block(dz, t + 1), recurrentWeights, dh, false, true, 1.0, 1.0);
            }
            // sigmoid'(x) = s (1 - s) for the three sigmoid gates at once
            INDArray sig = cols(g, h, 4 * h);
            sigDeriv.assign(sig).rsubi(1.0).muli(sig);
            // dc = dh o (1 - tanh(c)^2) + dc from step t+1
            Nd4j.exec(new MulOp(tc, tc, tmp));
            tmp.rsubi(1.0);
            Nd4j.exec(new MulOp(dh, o, dc));
            dc.muli(tmp);
            if (t < steps - 1) {
                dc.addi(dcNext);
            }
            INDArray dzo = cols(dzt, 2 * h, 3 * h);
            Nd4j.exec(new MulOp(dh, tc, dzo));
            INDArray dzf = cols(dzt, h, 2 * h);
            if (t > 0) {
                Nd4j.exec(new MulOp(dc, block(cells, t - 1), dzf));
            } else {
                dzf.assign(0);
            }
            Nd4j.exec(new MulOp(dc, a, cols(dzt, 3 * h, 4 * h)));
            cols(dzt, h, 4 * h).muli(sigDeriv);
            INDArray dza = cols(dzt, 0, h);
            Nd4j.exec(new MulOp(dc, i, dza));
            Nd4j.exec(new MulOp(a, a, tmp));
            tmp.rsubi(1.0);
            dza.muli(tmp);
            Nd4j.exec(new MulOp(dc, f, dcNext));
        }
        if (steps > 1) {
            long n = (steps - 1) * rows;
            Nd4j.gemm(rowsOf(out, 0, n), rowsOf(dz, rows, rows + n), dRecurrent, true, false, 1.0, 0.0);
        } else {
            dRecurrent.assign(0);
        }
        dBias.assign(dz.sum(0).reshape(dBias.shape()));
        return dz;
    }

    private INDArray block(INDArray a, long t) {
        return rowsOf(a, t * rows, (t + 1) * rows);
    }

    static INDArray rowsOf(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    static INDArray cols(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}

package dev.groot.model.update;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
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
        INDArray hPrev = null;
        INDArray cPrev = null;
        for (long t = 0; t < steps; t++) {
            INDArray zt = block(z, t);
            if (hPrev != null) {
                Nd4j.gemm(hPrev, recurrentWeights, zt, false, false, 1.0, 1.0);
            }
            INDArray a = cols(zt, 0, h);
            Nd4j.exec(new Tanh(a, a));
            INDArray sig = cols(zt, h, 4 * h);
            Nd4j.exec(new Sigmoid(sig, sig));
            INDArray ct = block(cells, t);
            Nd4j.exec(new MulOp(cols(zt, 3 * h, 4 * h), a, ct));
            if (cPrev != null) {
                Nd4j.exec(new MulOp(cols(zt, h, 2 * h), cPrev, tmp));
                ct.addi(tmp);
            }
            INDArray tc = block(tanhCells, t);
            Nd4j.exec(new Tanh(ct, tc));
            INDArray ht = block(out, t);
            Nd4j.exec(new MulOp(cols(zt, 2 * h, 3 * h), tc, ht));
            hPrev = ht;
            cPrev = ct;
        }
        return out;
    }

    /**
     * Backward pass for the last {@link #forward}. {@code dOut} [steps * rows, H] is the loss gradient
     * with respect to the hidden states (not modified). Writes dL/dRW and dL/db into the given arrays
     * (overwriting) and returns dL/dZ [steps * rows, 4H] (a scratch buffer) for the caller's
     * input-side products. Everything that does not depend on the recurrence (the gate derivative
     * factors) is computed for all steps at once before the step loop, which then needs one GEMM and
     * eight element-wise products per step.
     */
    INDArray backward(INDArray dOut, INDArray recurrentWeights, INDArray dRecurrent, INDArray dBias) {
        long h = hidden;
        long n = steps * rows;
        INDArray dh = scratch.take(name + ".dhAll", n, h).assign(dOut); // accumulates dz(t+1) RW^T in place
        INDArray a = cols(gates, 0, h);
        INDArray f = cols(gates, h, 2 * h);
        INDArray o = cols(gates, 2 * h, 3 * h);
        INDArray i = cols(gates, 3 * h, 4 * h);
        // dc = dh * o (1 - tanh(c)^2) + dc(t+1) f(t+1)
        INDArray pCell = scratch.take(name + ".pCell", n, h);
        Nd4j.exec(new MulOp(tanhCells, tanhCells, pCell));
        pCell.rsubi(1.0).muli(o);
        // dz_o = dh * tanh(c) o (1 - o)
        INDArray pOut = scratch.take(name + ".pOut", n, h);
        Nd4j.exec(new TimesOneMinus(o, pOut));
        pOut.muli(tanhCells);
        // dz_f = dc * c(t-1) f (1 - f), zero at t = 0
        INDArray pForget = scratch.take(name + ".pForget", n, h);
        Nd4j.exec(new TimesOneMinus(f, pForget));
        rowsOf(pForget, 0, rows).assign(0);
        if (steps > 1) {
            rowsOf(pForget, rows, n).muli(rowsOf(cells, 0, n - rows));
        }
        // dz_i = dc * a i (1 - i);  dz_a = dc * i (1 - a^2)
        INDArray pIn = scratch.take(name + ".pIn", n, h);
        Nd4j.exec(new TimesOneMinus(i, pIn));
        pIn.muli(a);
        INDArray pAct = scratch.take(name + ".pAct", n, h);
        Nd4j.exec(new MulOp(a, a, pAct));
        pAct.rsubi(1.0).muli(i);
        INDArray forget = scratch.take(name + ".f", n, h).assign(f);

        INDArray dz = scratch.take(name + ".dz", n, 4 * h);
        INDArray dc = scratch.take(name + ".dc", rows, h);
        INDArray dcNext = scratch.take(name + ".dcNext", rows, h);
        INDArray dzNext = null;
        for (long t = steps - 1; t >= 0; t--) {
            INDArray dht = block(dh, t);
            if (dzNext != null) {
                Nd4j.gemm(dzNext, recurrentWeights, dht, false, true, 1.0, 1.0);
            }
            Nd4j.exec(new MulOp(dht, block(pCell, t), dc));
            if (dzNext != null) {
                dc.addi(dcNext);
            }
            INDArray dzt = block(dz, t);
            Nd4j.exec(new MulOp(dc, block(pAct, t), cols(dzt, 0, h)));
            Nd4j.exec(new MulOp(dc, block(pForget, t), cols(dzt, h, 2 * h)));
            Nd4j.exec(new MulOp(dht, block(pOut, t), cols(dzt, 2 * h, 3 * h)));
            Nd4j.exec(new MulOp(dc, block(pIn, t), cols(dzt, 3 * h, 4 * h)));
            if (t > 0) {
                Nd4j.exec(new MulOp(dc, block(forget, t), dcNext));
            }
            dzNext = dzt;
        }
        if (steps > 1) {
            Nd4j.gemm(rowsOf(out, 0, n - rows), rowsOf(dz, rows, n), dRecurrent, true, false, 1.0, 0.0);
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

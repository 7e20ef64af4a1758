package dev.groot.model.decode;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;

/**
 * {@code out[rows, n] = in[rows, k] . W} for one fixed weight matrix, on row-major float[]s, with
 * native input/output buffers that are allocated once and grown, never per call: the decoding
 * loops then allocate no native memory per step, and only the matrix product crosses into ND4J
 * (the elementwise LSTM math around it runs in Java, where a call costs nothing).
 * Used by one thread at a time (it owns mutable buffers).
 */
final class RowProduct {
    private final INDArray weights; // [k, n], c-ordered
    private final int k;
    private final int n;
    private int capacity;
    private INDArray in;
    private INDArray out;
    private FloatBuffer inView;
    private FloatBuffer outView;

    RowProduct(INDArray weights) {
        if (weights.rank() != 2 || weights.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("weights must be a FLOAT matrix, got " + weights.shapeInfoToString());
        }
        this.weights = weights.ordering() == 'c' && !weights.isView() ? weights : weights.dup('c');
        this.k = (int) weights.rows();
        this.n = (int) weights.columns();
    }

    int inputWidth() {
        return k;
    }

    int outputWidth() {
        return n;
    }

    /** Reads {@code rows * k} floats of {@code src} and writes {@code rows * n} floats to {@code dst}. */
    void apply(float[] src, int rows, float[] dst) {
        if (rows == 0) {
            return;
        }
        ensure(rows);
        inView.clear();
        inView.put(src, 0, rows * k);
        INDArray a = rows == capacity ? in : in.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
        INDArray c = rows == capacity ? out : out.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
        Nd4j.gemm(a, weights, c, false, false, 1.0, 0.0);
        outView.clear();
        outView.get(dst, 0, rows * n);
    }

    private void ensure(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = Math.max(rows, capacity + capacity / 2);
        in = Nd4j.create(DataType.FLOAT, capacity, k);
        out = Nd4j.create(DataType.FLOAT, capacity, n);
        inView = in.data().asNioFloat();
        outView = out.data().asNioFloat();
    }
}

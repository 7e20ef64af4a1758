package dev.groot.model.update;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient scatter for embedding tables, done on the JVM: ND4J's scatterUpdate was the largest
 * single cost of the grouped update in a profile (it walks the whole table). Here the rows of one
 * minibatch are summed per id in a small array and only the touched rows are written.
 */
final class SparseRows {
    private SparseRows() {
    }

    /**
     * Overwrites {@code table} [V, E] (a c-ordered, row-contiguous gradient view) with the sum of
     * {@code rows} [M, E] by id: table[ids[m]] += rows[m], every other row 0.
     */
    static void scatterSum(INDArray table, int[] ids, INDArray rows) {
        long e = table.size(1);
        if (table.ordering() != 'c' || table.stride(1) != 1 || table.stride(0) != e) {
            throw new IllegalStateException("embedding gradient view is not row-contiguous: " + table.shapeInfoToString());
        }
        if (rows.size(0) != ids.length || rows.size(1) != e) {
            throw new IllegalArgumentException("rows " + java.util.Arrays.toString(rows.shape()) + " for " + ids.length
                    + " ids of width " + e);
        }
        double[] src = rows.dup('c').data().asDouble();
        int v = (int) table.size(0);
        int[] slot = new int[v];
        java.util.Arrays.fill(slot, -1);
        int[] touched = new int[Math.min(v, ids.length)];
        int count = 0;
        double[] acc = new double[(int) (Math.min(v, ids.length) * e)];
        for (int m = 0; m < ids.length; m++) {
            int id = ids[m];
            if (slot[id] < 0) {
                slot[id] = count;
                touched[count++] = id;
            }
            int base = (int) (slot[id] * e);
            int from = (int) (m * e);
            for (int k = 0; k < e; k++) {
                acc[base + k] += src[from + k];
            }
        }
        table.assign(0);
        DataBuffer buf = table.data();
        // A view's buffer normally starts at the view (ND4J M2.1); fall back to the offset if it does not.
        long offset = buf.length() == table.length() ? 0 : table.offset();
        for (int i = 0; i < count; i++) {
            long at = offset + touched[i] * e;
            int base = (int) (i * e);
            for (int k = 0; k < e; k++) {
                buf.put(at + k, acc[base + k]);
            }
        }
    }

    /**
     * The [groups, rows] 0/1 matrix that sums a step's rows into their groups (rows are ordered by
     * group): one GEMM per step replaces a scatter (backward) and a gather (forward).
     */
    static INDArray groupSelector(int[] rowGroup, int groups, org.nd4j.linalg.api.buffer.DataType type) {
        double[] s = new double[groups * rowGroup.length];
        for (int n = 0; n < rowGroup.length; n++) {
            s[rowGroup[n] * rowGroup.length + n] = 1;
        }
        return Nd4j.create(s, new long[]{groups, rowGroup.length}, 'c').castTo(type);
    }
}

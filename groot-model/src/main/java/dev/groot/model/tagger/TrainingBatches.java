package dev.groot.model.tagger;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns weighted teacher-forced rows into the arrays of the training graph (right-padded, masked).
 * A row's weight w multiplies its one-hot labels while the label mask stays binary: with the
 * explicit-weight MCXENT loss of {@link NetworkFactory} this gives exactly w * grad NLL(row),
 * negative weights included (STACK.md).
 */
public final class TrainingBatches {
    private TrainingBatches() {
    }

    /** One MultiDataSet holding all rows; inputs words, shapes, suffixes, prevTags; labels [rows, nTags, time]. */
    public static MultiDataSet build(Vocabularies v, List<WeightedSequence> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to build a batch from");
        }
        List<List<String>> tokens = new ArrayList<>(rows.size());
        List<List<String>> tags = new ArrayList<>(rows.size());
        for (WeightedSequence r : rows) {
            if (r.tokens().isEmpty()) {
                throw new IllegalArgumentException("empty sentence in training rows");
            }
            if (!Double.isFinite(r.weight())) {
                throw new IllegalArgumentException("non-finite weight " + r.weight() + " for sentence " + r.tokens());
            }
            tokens.add(r.tokens());
            tags.add(r.tags());
        }
        int maxLen = maxLength(tokens);
        INDArray[] inputs = inputs(v, tokens, tags, maxLen);
        INDArray mask = mask(tokens, maxLen);
        int nTags = v.numTags();
        float[] labels = new float[rows.size() * nTags * maxLen];
        for (int r = 0; r < rows.size(); r++) {
            WeightedSequence row = rows.get(r);
            float w = (float) row.weight();
            for (int t = 0; t < row.tags().size(); t++) {
                labels[(r * nTags + v.tagIndex(row.tags().get(t))) * maxLen + t] = w;
            }
        }
        INDArray labelArr = Nd4j.create(labels, new long[]{rows.size(), nTags, maxLen}, 'c');
        INDArray[] masks = {mask, mask, mask, mask};
        return new org.nd4j.linalg.dataset.MultiDataSet(inputs, new INDArray[]{labelArr}, masks, new INDArray[]{mask});
    }

    /** Consecutive chunks of at most {@code batchSize} rows, in the given order. */
    public static List<MultiDataSet> minibatches(Vocabularies v, List<WeightedSequence> rows, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        List<MultiDataSet> out = new ArrayList<>((rows.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < rows.size(); from += batchSize) {
            out.add(build(v, rows.subList(from, Math.min(rows.size(), from + batchSize))));
        }
        return out;
    }

    /**
     * Input arrays [rows, maxLen] of ids: words, shapes, suffixes and, when {@code tags} is not
     * null, the teacher-forced previous tags (BOS first). Padding positions hold id 0 (masked).
     */
    public static INDArray[] inputs(Vocabularies v, List<? extends List<String>> tokens,
                                    List<? extends List<String>> tags, int maxLen) {
        int n = tokens.size();
        float[] words = new float[n * maxLen];
        float[] shapes = new float[n * maxLen];
        float[] suffixes = new float[n * maxLen];
        float[] prev = tags == null ? null : new float[n * maxLen];
        for (int r = 0; r < n; r++) {
            List<String> sentence = tokens.get(r);
            for (int t = 0; t < sentence.size(); t++) {
                String tok = sentence.get(t);
                int at = r * maxLen + t;
                words[at] = v.wordIndex(tok);
                shapes[at] = v.shapeIndex(tok);
                suffixes[at] = v.suffixIndex(tok);
            }
            if (prev != null) {
                List<String> y = tags.get(r);
                if (y.size() != sentence.size()) {
                    throw new IllegalArgumentException("sentence " + r + ": " + sentence.size() + " tokens but "
                            + y.size() + " tags");
                }
                prev[r * maxLen] = v.bosIndex();
                for (int t = 1; t < y.size(); t++) {
                    prev[r * maxLen + t] = v.tagIndex(y.get(t - 1));
                }
            }
        }
        long[] shape = {n, maxLen};
        INDArray w = Nd4j.create(words, shape, 'c');
        INDArray s = Nd4j.create(shapes, shape, 'c');
        INDArray x = Nd4j.create(suffixes, shape, 'c');
        return prev == null ? new INDArray[]{w, s, x} : new INDArray[]{w, s, x, Nd4j.create(prev, shape, 'c')};
    }

    /** Binary mask [rows, maxLen]: 1 on real tokens, 0 on right padding. */
    public static INDArray mask(List<? extends List<?>> sequences, int maxLen) {
        float[] m = new float[sequences.size() * maxLen];
        for (int r = 0; r < sequences.size(); r++) {
            int len = sequences.get(r).size();
            for (int t = 0; t < len; t++) {
                m[r * maxLen + t] = 1f;
            }
        }
        return Nd4j.create(m, new long[]{sequences.size(), maxLen}, 'c').castTo(DataType.FLOAT);
    }

    public static int maxLength(List<? extends List<?>> sequences) {
        int max = 0;
        for (List<?> s : sequences) {
            max = Math.max(max, s.size());
        }
        return max;
    }
}

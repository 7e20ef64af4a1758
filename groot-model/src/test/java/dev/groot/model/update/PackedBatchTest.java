package dev.groot.model.update;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the packed layout back: lengths, reversal, present rows, and clear errors for bad arrays. */
class PackedBatchTest {
    private static final TaggerConfig C = TaggerConfig.tiny(1);
    private static final Vocabularies V = GroupedFixtures.vocab(C);

    private static PackedBatch read(MultiDataSet m) {
        return new PackedBatch(m.getFeatures(0), m.getLabels(0), V.words().size(), V.shapes().size(),
                V.suffixes().size(), V.numTags());
    }

    @Test
    void readsLengthsRowsAndReversal() {
        List<SentenceGroup> groups = List.of(
                new SentenceGroup(List.of("the", "dog", "runs"), List.of(new SentenceGroup.Row(List.of("DT", "NN", "VB"), 0.5),
                        new SentenceGroup.Row(List.of("DT", "NN", "NN"), -1))),
                new SentenceGroup(List.of("a", "cat"), List.of(new SentenceGroup.Row(List.of("DT", "NN"), 2))));
        PackedBatch b = read(GroupedBatches.build(V, groups));
        assertEquals(2, b.groups);
        assertEquals(3, b.steps);
        assertEquals(3, b.rows);
        assertArrayEquals(new int[]{3, 2}, b.lengths);
        assertArrayEquals(new int[]{0, 0, 1}, b.rowGroup);
        // weights per row position, time-major (t * rows + n); padding of group 1 at t = 2 is 0
        assertArrayEquals(new double[]{0.5, -1, 2, 0.5, -1, 2, 0.5, -1, 0}, b.weights);
        // time-major over groups: position t * 2 + g; group 1 reverses within its length 2, padding stays
        assertArrayEquals(new int[]{4, 3, 2, 1, 0, 5}, b.reverse);
        assertEquals(GroupedLayout.ABSENT, b.targets[2 * 3 + 2]);
        assertEquals(V.tagIndex("NN"), b.targets[2 * 3 + 1]);
        assertEquals(V.bosIndex(), b.prevTags[2]);
    }

    @Test
    void rejectsBadArrays() {
        MultiDataSet m = GroupedBatches.build(V, GroupedFixtures.groups(V, 2, 1));
        INDArray f = m.getFeatures(0);
        INDArray l = m.getLabels(0);
        long words = V.words().size();
        assertThrows(IllegalArgumentException.class, () -> new PackedBatch(Nd4j.zeros(2, 5), l, words, 9, 9, 9));
        INDArray noRows = f.dup();
        noRows.putScalar(new long[]{0, GroupedLayout.MASK, 0}, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(new org.nd4j.linalg.dataset.MultiDataSet(noRows, l)));
        assertTrue(e.getMessage().contains("empty sentence"), e.getMessage());
        INDArray badId = f.dup();
        badId.putScalar(new long[]{1, GroupedLayout.WORDS, 0}, words + 3);
        e = assertThrows(IllegalArgumentException.class, () -> read(new org.nd4j.linalg.dataset.MultiDataSet(badId, l)));
        assertTrue(e.getMessage().contains("word id"), e.getMessage());
        INDArray nanWeight = l.dup();
        nanWeight.putScalar(new long[]{0, l.size(1) / 2, 0}, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> read(new org.nd4j.linalg.dataset.MultiDataSet(f, nanWeight)));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(new org.nd4j.linalg.dataset.MultiDataSet(f, Nd4j.zeros(2, 1, 3))));
    }
}

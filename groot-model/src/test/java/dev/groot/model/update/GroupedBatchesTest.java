package dev.groot.model.update;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupedBatchesTest {
    private static final TaggerConfig C = TaggerConfig.tiny(1);
    private static final Vocabularies V = GroupedFixtures.vocab(C);

    @Test
    void packsTheDocumentedLayout() {
        SentenceGroup a = new SentenceGroup(List.of("the", "dog", "runs"),
                List.of(new SentenceGroup.Row(List.of("DT", "NN", "VB"), 1.0), new SentenceGroup.Row(List.of("DT", "VB", "VB"), -0.5)));
        SentenceGroup b = new SentenceGroup(List.of("a", "cat"), List.of(new SentenceGroup.Row(List.of("DT", "NN"), 2.0)));
        MultiDataSet m = GroupedBatches.build(V, List.of(a, b));
        INDArray f = m.getFeatures(0);
        INDArray l = m.getLabels(0);
        assertArrayEquals(new long[]{2, 6, 3}, f.shape());
        assertArrayEquals(new long[]{2, 4, 3}, l.shape());
        assertNull(m.getFeaturesMaskArrays());
        assertEquals(0f, f.getFloat(1, GroupedLayout.MASK, 2));
        assertEquals(1f, f.getFloat(1, GroupedLayout.MASK, 1));
        assertEquals(V.wordIndex("dog"), f.getFloat(0, GroupedLayout.WORDS, 1));
        assertEquals(V.suffixIndex("cat"), f.getFloat(1, GroupedLayout.SUFFIXES, 1));
        assertEquals(V.bosIndex(), f.getFloat(0, GroupedLayout.FIRST_ROW + 1, 0));
        assertEquals(V.tagIndex("VB"), f.getFloat(0, GroupedLayout.FIRST_ROW + 1, 2));
        assertEquals(GroupedLayout.ABSENT, f.getFloat(1, GroupedLayout.FIRST_ROW + 1, 0));
        assertEquals(V.tagIndex("VB"), l.getFloat(0, 1, 1));
        assertEquals(GroupedLayout.ABSENT, l.getFloat(1, 0, 2));
        assertEquals(-0.5f, l.getFloat(0, 2 + 1, 0));
        assertEquals(2f, l.getFloat(1, 2, 1));
        assertEquals(0f, l.getFloat(1, 2 + 1, 0));
    }

    @Test
    void badInputFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> new SentenceGroup(List.of(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SentenceGroup(List.of("a", "b"),
                List.of(new SentenceGroup.Row(List.of("DT"), 1))));
        assertTrue(e.getMessage().contains("2 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SentenceGroup.Row(List.of("DT"), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SentenceGroup.Row(List.of("DT"), Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> GroupedBatches.build(V, List.of()));
        assertThrows(IllegalArgumentException.class, () -> GroupedBatches.chunks(List.of(), 0));
    }

    @Test
    void groupsRowsBySentenceAndChunksByRowBudget() {
        List<WeightedSequence> rows = List.of(
                new WeightedSequence(List.of("the", "dog"), List.of("DT", "NN"), 1),
                new WeightedSequence(List.of("a", "cat"), List.of("DT", "NN"), 1),
                new WeightedSequence(List.of("the", "dog"), List.of("DT", "VB"), -0.25));
        List<SentenceGroup> g = GroupedBatches.group(rows);
        assertEquals(2, g.size());
        assertEquals(List.of("the", "dog"), g.get(0).tokens());
        assertEquals(-0.25, g.get(0).rows().get(1).weight());
        assertEquals(3, GroupedBatches.rows(g).size());
        // explicit ids keep equal-token sentences apart, and reject one id for two sentences
        assertEquals(3, GroupedBatches.group(rows, List.of(1, 2, 3)).size());
        assertThrows(IllegalArgumentException.class, () -> GroupedBatches.group(rows, List.of(1, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> GroupedBatches.group(rows, List.of(1, 2)));
        List<List<SentenceGroup>> chunks = GroupedBatches.chunks(g, 2);
        assertEquals(2, chunks.size());
        assertEquals(1, GroupedBatches.chunks(g, 3).size());
    }
}

package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic corpus has Brown's shape (what throughput depends on) and is deterministic. */
class ShapedCorpusTest {

    @Test
    void titleShapeHasBrownLengthsAndBioTags() {
        List<Example> ex = new ShapedCorpus(false).examples(5000, 7, "train");
        long tokens = ex.stream().mapToLong(e -> e.tokens().size()).sum();
        double mean = tokens / 5000.0;
        assertTrue(mean > 17 && mean < 24, "mean length " + mean + " (Brown: 20.3)");
        Set<String> tags = new HashSet<>();
        Set<String> words = new HashSet<>();
        long spans = 0;
        for (Example e : ex) {
            tags.addAll(e.tags());
            words.addAll(e.tokens());
            spans += e.tags().stream().filter("B-TL"::equals).count();
            for (int i = 0; i < e.tags().size(); i++) {
                if (e.tags().get(i).equals("I-TL")) {
                    assertTrue(i > 0 && !e.tags().get(i - 1).equals("O"), "I-TL after O in " + e);
                }
            }
        }
        assertEquals(Set.of("O", "B-TL", "I-TL"), tags);
        double spanRate = spans / (double) tokens;
        assertTrue(spanRate > 0.005 && spanRate < 0.03, "spans per token " + spanRate + " (Brown: 0.013)");
        assertTrue(words.size() > 8000, "distinct words " + words.size());
        assertEquals(ex, new ShapedCorpus(false).examples(5000, 7, "train"));
    }

    @Test
    void posShapeHasAboutTwoHundredTags() {
        Set<String> tags = new HashSet<>();
        new ShapedCorpus(true).examples(3000, 3, "train").forEach(e -> tags.addAll(e.tags()));
        assertTrue(tags.size() > 150 && tags.size() <= ShapedCorpus.POS_TAGS, tags.size() + " tags");
    }

    @Test
    void wordsAreDistinctPerRank() {
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < ShapedCorpus.VOCABULARY; r++) {
            assertTrue(seen.add(ShapedCorpus.word(r)), "duplicate word at rank " + r);
        }
    }
}

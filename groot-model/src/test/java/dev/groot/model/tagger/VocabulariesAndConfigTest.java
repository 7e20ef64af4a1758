package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabulariesAndConfigTest {
    private static Example ex(String id, String tokens, String tags) {
        return new Example(id, "t", "train", List.of(tokens.split(" ")), List.of(tags.split(" ")));
    }

    @Test
    void configValidatesEveryField() {
        TaggerConfig d = TaggerConfig.defaults();
        assertEquals("adam", d.updater());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaggerConfig(
                0, 8, 8, 8, 8, 8, 0.1, 1, 3, 1, "adam", 1e-3, 0, 0));
        assertTrue(e.getMessage().contains("wordEmbedding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.withDropout(1.0));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TaggerConfig(
                8, 8, 8, 8, 8, 8, 0.1, 1, 3, 1, "bogus", 1e-3, 0, 0));
        assertTrue(e.getMessage().contains("updater") && e.getMessage().contains("bogus"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> new TaggerConfig(
                8, 8, 8, 8, 8, 8, 0.1, 1, 3, 1, "sgd", 1e-3, -1, 0));
        assertEquals("sgd", new TaggerConfig(8, 8, 8, 8, 8, 8, 0.1, 1, 3, 1, "SGD", 1e-3, 0, 0).updater());
        for (String u : TaggerConfig.UPDATERS) {
            assertTrue(NetworkFactory.updater(new TaggerConfig(8, 8, 8, 8, 8, 8, 0, 1, 3, 1, u, 1e-3, 0, 0)) != null);
        }
    }

    @Test
    void vocabulariesUseMinCountAndUnknownAndSortedTags() {
        List<Example> train = List.of(ex("a", "The dog runs", "DT NN VB"), ex("b", "the cat 1999", "DT NN CD"));
        TaggerConfig c = new TaggerConfig(8, 4, 4, 4, 8, 8, 0, 2, 2, 1, "adam", 1e-3, 0, 0);
        Vocabularies v = Vocabularies.build(train, c);
        assertEquals(List.of("CD", "DT", "NN", "VB"), v.tags());
        assertEquals(List.of(Vocabularies.UNKNOWN, "the"), v.words(), "lower-cased; min count 2");
        assertEquals(0, v.wordIndex("dog"));
        assertEquals(v.wordIndex("THE"), v.wordIndex("the"));
        assertEquals(v.bosIndex(), 4);
        assertFalse(v.isBio());
        assertEquals("XxXx", Features.shape("McDonald"));
        assertEquals("X.X.", Features.shape("U.S."));
        assertEquals("d", Features.shape("1999"));
        assertEquals("0000", Features.word("1999"));
        assertEquals("ed", Features.suffix("Walked", 2));
        assertTrue(Vocabularies.build(List.of(ex("x", "Mr Lee", "O B-PER"), ex("y", "in Rome", "O I-LOC")), c).isBio());
    }

    @Test
    void unknownTagsAreNamed() {
        Vocabularies v = Vocabularies.build(List.of(ex("a", "the dog", "DT NN")), TaggerConfig.tiny(1));
        UnknownTagException e = assertThrows(UnknownTagException.class, () -> v.tagIndex("JJ"));
        assertTrue(e.getMessage().contains("'JJ'"), e.getMessage());
        assertEquals("JJ", e.tag());
        e = assertThrows(UnknownTagException.class, () -> v.checkTags(ex("dev-7", "a big dog", "DT JJ NN")));
        assertTrue(e.getMessage().contains("dev-7") && e.getMessage().contains("position 1")
                && e.getMessage().contains("'JJ'"), e.getMessage());
        v.checkTags(ex("ok", "the dog", "DT NN"));
    }
}

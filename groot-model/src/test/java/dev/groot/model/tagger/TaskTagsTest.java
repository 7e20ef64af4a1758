package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A dev/test tag that training never saw is part of the task's tag set, not an error. */
class TaskTagsTest {

    @Test
    void taskTagsWidenTheTagSetAndKeepTheWords() {
        TaggerConfig config = TaggerConfig.tiny(1);
        Vocabularies train = Vocabularies.build(List.of(new Example("a", "t", "train", List.of("the", "dog"),
                List.of("at", "nn"))), config);
        Example dev = new Example("b", "t", "dev", List.of("the", "dogs"), List.of("at", "nns"));
        assertThrows(UnknownTagException.class, () -> train.checkTags(dev));

        Vocabularies task = train.withTaskTags(List.of("at", "nn", "nns"));
        task.checkTags(dev);
        assertEquals(List.of("at", "nn", "nns"), task.tags());
        assertEquals(train.words(), task.words());
        assertEquals(train.wordIndex("dog"), task.wordIndex("dog"));
    }
}

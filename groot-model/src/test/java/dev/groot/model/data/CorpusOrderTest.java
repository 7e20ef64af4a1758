package dev.groot.model.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusOrderTest {

    @Test
    void sortsFileAndSentenceNumbersAsNumbers() {
        List<String> expected = List.of("ca01:1", "ca01:2", "ca01:10", "ca01:100", "ca02:3", "cb01:1",
                "test.conll:1", "test.conll:2", "test.conll:10", "test.conll:100", "test.conll:1000");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(3));
        shuffled.sort(CorpusOrder.INSTANCE);
        assertEquals(expected, shuffled);
    }

    @Test
    void isATotalOrderConsistentWithEquals() {
        CorpusOrder o = CorpusOrder.INSTANCE;
        assertEquals(0, o.compare("x:7", "x:7"));
        assertTrue(o.compare("a01", "a1") != 0 && Integer.signum(o.compare("a01", "a1")) == -Integer.signum(o.compare("a1", "a01")));
        assertTrue(o.compare("a", "a1") < 0);
        assertTrue(o.compare("a:1", "a:b") < 0);
        assertTrue(o.compare("s99999999999999999999999", "s100000000000000000000000") < 0, "no overflow");
    }
}

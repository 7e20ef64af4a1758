package dev.groot.model.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusMetricsTest {
    private static final double EPS = 1e-12;

    private static List<String> t(String s) {
        return List.of(s.split(" "));
    }

    // sentence 1: gold 2 spans, pred 3 spans, 1 correct; 4/6 tokens right
    // sentence 2: gold 1 span, pred 1 span, correct; 3/3 tokens, exact
    // sentence 3: gold 0 spans, pred 1 span; 1/2 tokens
    private static final List<List<String>> GOLD = List.of(t("B-TL I-TL O B-TL O O"), t("O B-TL I-TL"), t("O O"));
    private static final List<List<String>> PRED = List.of(t("B-TL I-TL O B-TL I-TL B-TL"), t("O B-TL I-TL"), t("B-TL O"));

    private static CorpusMetrics all() {
        CorpusMetrics m = new CorpusMetrics();
        for (int i = 0; i < GOLD.size(); i++) {
            m.add(GOLD.get(i), PRED.get(i));
        }
        return m;
    }

    @Test
    void microAveragesMatchHandComputation() {
        CorpusMetrics m = all();
        // spans: gold 3, pred 5, correct 2
        assertEquals(2.0 / 5, m.spanPrecision(), EPS);
        assertEquals(2.0 / 3, m.spanRecall(), EPS);
        assertEquals(2.0 * 2 / (3 + 5), m.spanF1(), EPS);
        assertEquals(1.25 * 2 / (0.25 * 3 + 5), m.spanFBeta(0.5), EPS);
        assertEquals(8.0 / 11, m.tokenAccuracy(), EPS);
        assertEquals(1.0 / 3, m.exactMatch(), EPS);
        assertEquals(3, m.sentences());
        assertEquals(11, m.tokens());
        assertTrue(m.hasSpans());
        assertEquals(List.of("token_accuracy", "exact_match", "span_precision", "span_recall", "span_f1"),
                List.copyOf(m.toMap().keySet()));
    }

    @Test
    void mergeOfPartsEqualsTheWhole() throws Exception {
        CorpusMetrics a = CorpusMetrics.of(GOLD.get(0), PRED.get(0));
        CorpusMetrics b = CorpusMetrics.of(GOLD.get(1), PRED.get(1)).add(GOLD.get(2), PRED.get(2));
        CorpusMetrics merged = roundTrip(a).merge(roundTrip(b));
        assertEquals(all().toString(), merged.toString());
        assertEquals(all().toMap(), merged.toMap());
    }

    @Test
    void corpusWithoutSpans() {
        CorpusMetrics pos = new CorpusMetrics().add(t("NN VB"), t("NN NN"));
        assertFalse(pos.hasSpans());
        assertEquals(1.0, pos.spanF1(), EPS);
        assertEquals(0.5, pos.tokenAccuracy(), EPS);
        CorpusMetrics empty = new CorpusMetrics();
        assertEquals(0.0, empty.tokenAccuracy());
        assertEquals(0.0, empty.exactMatch());
    }

    @Test
    void lengthMismatchIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new CorpusMetrics().add(t("O O"), t("O")));
    }

    private static CorpusMetrics roundTrip(CorpusMetrics m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (CorpusMetrics) in.readObject();
        }
    }
}

package dev.groot.model.reward;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpansTest {

    private static List<Span> spans(String tags) {
        return Spans.extract(List.of(tags.split(" ")));
    }

    @Test
    void bAndIFormOneSpanEndingAtO() {
        assertEquals(List.of(new Span("TL", 0, 2)), spans("B-TL I-TL O O"));
    }

    @Test
    void iAfterOStartsASpan() {
        assertEquals(List.of(new Span("TL", 1, 3)), spans("O I-TL I-TL O"));
    }

    @Test
    void iAtSentenceStartStartsASpan() {
        assertEquals(List.of(new Span("TL", 0, 1)), spans("I-TL O"));
    }

    @Test
    void typeChangeSplitsSpans() {
        assertEquals(List.of(new Span("PER", 0, 2), new Span("LOC", 2, 3)), spans("B-PER I-PER I-LOC O"));
    }

    @Test
    void bAfterBStartsANewSpan() {
        assertEquals(List.of(new Span("TL", 0, 1), new Span("TL", 1, 3)), spans("B-TL B-TL I-TL"));
    }

    @Test
    void spanAtSentenceEndIsClosed() {
        assertEquals(List.of(new Span("TL", 2, 4)), spans("O O B-TL I-TL"));
        assertEquals(List.of(new Span("TL", 3, 4)), spans("O O O B-TL"));
    }

    @Test
    void emptyAndAllOAndPosHaveNoSpans() {
        assertTrue(Spans.extract(List.of()).isEmpty());
        assertTrue(spans("O O O").isEmpty());
        assertTrue(spans("NN VB DT fw-in np B I").isEmpty());
    }

    @Test
    void countCorrectNeedsSameTypeAndBoundaries() {
        List<Span> gold = spans("B-TL I-TL O B-X");
        assertEquals(1, Spans.countCorrect(gold, spans("B-TL I-TL O B-Y")));
        assertEquals(0, Spans.countCorrect(gold, spans("B-TL O O O")));
        assertEquals(2, Spans.countCorrect(gold, gold));
    }
}

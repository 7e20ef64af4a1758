package dev.groot.model.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.groot.model.io.ReadersTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConllReaderTest {

    private static final String TEXT = "-DOCSTART- -X- O\n\nEU\tNNP\tB-ORG\nrejects\tVBZ\tO\n\n"
            + "Peter NNP B-PER\nBlackburn NNP I-PER\n";

    @Test
    void readsSentencesWithLastColumnAsTagAndFileNameSplit() {
        FileReadResult r = read(ReaderConfig.of(InputFormat.CONLL), "/x/train.conll", TEXT);
        assertTrue(r.rejected().isEmpty(), r.rejected()::toString);
        assertEquals(2, r.examples().size());
        assertEquals("train.conll:1", r.examples().get(0).example().id());
        assertEquals("train", r.examples().get(0).example().split());
        assertEquals(List.of("EU", "rejects"), r.examples().get(0).example().tokens());
        assertEquals(List.of("B-ORG", "O"), r.examples().get(0).example().tags());
        assertEquals(3, r.examples().get(0).line());
        assertEquals(List.of("B-PER", "I-PER"), r.examples().get(1).example().tags());
    }

    @Test
    void tagColumnIsConfigurable() {
        FileReadResult r = read(ReaderConfig.of(InputFormat.CONLL).withColumns(0, 1), "dev.conll", TEXT);
        assertEquals(List.of("NNP", "VBZ"), r.examples().get(0).example().tags());
        assertEquals("dev", r.examples().get(0).example().split());
    }

    @Test
    void wrongColumnCountRejectsTheSentenceOnly() {
        String text = "a\tDT\tO\nb\tNN\n\nc\tNN\tO\n";
        FileReadResult r = read(ReaderConfig.of(InputFormat.CONLL), "test.conll", text);
        assertEquals(1, r.examples().size());
        assertEquals(List.of("c"), r.examples().get(0).example().tokens());
        ReadError e = r.rejected().get(0);
        assertEquals(Problem.WRONG_COLUMN_COUNT, e.problem());
        assertEquals(2, e.line());
        assertTrue(e.message().startsWith("test.conll:2: wrong column count: 2 columns, expected 3"), e.message());
    }

    @Test
    void tokenWithoutTagColumn() {
        ReadError e = read(ReaderConfig.of(InputFormat.CONLL), "train.conll", "lonely\nwords\n").rejected().get(0);
        assertEquals(Problem.TOKEN_WITHOUT_TAG, e.problem());
        assertEquals(1, e.line());
    }

    @Test
    void fileNameWithoutBaseHasNoSplit() {
        ReadError e = read(ReaderConfig.of(InputFormat.CONLL), ".conll", "a DT\n").rejected().get(0);
        assertEquals(Problem.MISSING_SPLIT, e.problem());
    }

    @Test
    void fractionSplitIsSeededAndStable() {
        ReaderConfig c = ReaderConfig.of(InputFormat.CONLL).withSplitRule(SplitRule.parse("fraction:dev=0.5,test=0.25,seed=7"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("w").append(i).append(" NN\n\n");
        }
        FileReadResult a = read(c, "all.conll", text.toString());
        FileReadResult b = read(c, "all.conll", text.toString());
        assertEquals(a.examples(), b.examples());
        long dev = a.examples().stream().filter(e -> e.example().split().equals("dev")).count();
        long test = a.examples().stream().filter(e -> e.example().split().equals("test")).count();
        assertTrue(dev > 160 && dev < 240, "dev " + dev);
        assertTrue(test > 70 && test < 130, "test " + test);
        FileReadResult other = read(c.withSplitRule(SplitRule.parse("fraction:dev=0.5,test=0.25,seed=8")), "all.conll", text.toString());
        assertTrue(!a.examples().equals(other.examples()), "another seed gives another split");
    }

    @Test
    void crlfIsAccepted() {
        FileReadResult r = read(ReaderConfig.of(InputFormat.CONLL), "train.conll", "a DT\r\nb NN\r\n\r\n");
        assertEquals(List.of("DT", "NN"), r.examples().get(0).example().tags());
    }
}

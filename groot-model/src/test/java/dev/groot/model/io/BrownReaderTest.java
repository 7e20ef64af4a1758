package dev.groot.model.io;

import dev.groot.model.data.Example;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.groot.model.io.ReadersTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrownReaderTest {

    private static final String TEXT = "\n\n\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd ./.  \n\n"
            + "\tA/at 1/2/cd cup/nn of/in-tl Atlanta/np-tl-hl ./.\n";

    @Test
    void readsSentencesWithPosTagsAndFileNumberSplit() {
        FileReadResult r = read(ReaderConfig.brown(BrownTask.POS), "/data/cb15", TEXT);
        assertTrue(r.rejected().isEmpty(), r.rejected()::toString);
        assertEquals(2, r.examples().size());
        Example first = r.examples().get(0).example();
        assertEquals("cb15:1", first.id());
        assertEquals("cb15", first.source());
        assertEquals("dev", first.split());
        assertEquals(List.of("The", "Fulton", "County", "Grand", "Jury", "said", "."), first.tokens());
        assertEquals(List.of("at", "np", "nn", "jj", "nn", "vbd", "."), first.tags());
        assertEquals(3, r.examples().get(0).line());
        Example second = r.examples().get(1).example();
        assertEquals("1/2", second.tokens().get(1), "the tag follows the LAST slash");
        assertEquals(List.of("at", "cd", "nn", "in", "np", "."), second.tags());
    }

    @Test
    void titleTaskGivesBioSpansOfMaximalTlRuns() {
        FileReadResult r = read(ReaderConfig.brown(BrownTask.TITLE), "ca10", TEXT);
        assertEquals(List.of("O", "B-TL", "I-TL", "I-TL", "I-TL", "O", "O"), r.examples().get(0).example().tags());
        assertEquals(List.of("O", "O", "O", "B-TL", "I-TL", "O"), r.examples().get(1).example().tags());
        assertEquals("test", r.examples().get(0).example().split());
        assertEquals(2, CorpusSummary.of(r.examples().stream().map(LocatedExample::example).toList()).spans());
    }

    @Test
    void splitsFollowFileNumbers() {
        SplitRule rule = new SplitRule.BrownFileNumber();
        assertEquals("train", rule.split("ca01", "x", null));
        assertEquals("dev", rule.split("cr05", "x", null));
        assertEquals("dev", rule.split("cn25", "x", null));
        assertEquals("test", rule.split("ca10", "x", null));
        assertEquals("test", rule.split("cj80", "x", null));
        assertEquals("train", rule.split("cj79", "x", null));
    }

    @Test
    void tokenWithoutTagIsRejectedWithFileAndLine() {
        FileReadResult r = read(ReaderConfig.brown(BrownTask.POS), "ca01", "a/at b/nn\n\nthe/at dog barks/vbz\n");
        assertEquals(1, r.examples().size());
        ReadError e = r.rejected().get(0);
        assertEquals(Problem.TOKEN_WITHOUT_TAG, e.problem());
        assertEquals("ca01", e.file());
        assertEquals(3, e.line());
        assertTrue(e.message().startsWith("ca01:3: token without tag: 'dog'"), e.message());
    }

    @Test
    void trailingSlashIsATokenWithoutTag() {
        ReadError e = read(ReaderConfig.brown(BrownTask.POS), "ca01", "word/ b/nn\n").rejected().get(0);
        assertEquals(Problem.TOKEN_WITHOUT_TAG, e.problem());
    }

    @Test
    void emptyTokenIsRejected() {
        ReadError e = read(ReaderConfig.brown(BrownTask.POS), "ca01", "a/at /nn\n").rejected().get(0);
        assertEquals(Problem.EMPTY_TOKEN, e.problem());
        assertEquals(1, e.line());
    }

    @Test
    void tooLongSentenceIsRejected() {
        ReaderConfig c = ReaderConfig.brown(BrownTask.POS).withMaxLength(3);
        FileReadResult r = read(c, "ca01", "a/at b/nn c/nn\na/at b/nn c/nn d/nn\n");
        assertEquals(1, r.examples().size());
        assertEquals(Problem.TOO_LONG, r.rejected().get(0).problem());
        assertEquals(2, r.rejected().get(0).line());
    }

    @Test
    void nonBrownFileNameHasNoSplit() {
        ReadError e = read(ReaderConfig.brown(BrownTask.POS), "notes.txt", "a/at\n").rejected().get(0);
        assertEquals(Problem.BAD_FILE_NAME, e.problem());
    }

    @Test
    void bomAndCrlfAreAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "The/at dog/nn\r\n\r\nA/at cat/nn\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        FileReadResult r = read(ReaderConfig.brown(BrownTask.POS), "ca02", all);
        assertTrue(r.rejected().isEmpty());
        assertEquals(List.of("The", "dog"), r.examples().get(0).example().tokens());
        assertEquals(List.of("at", "nn"), r.examples().get(0).example().tags());
        assertEquals(List.of("nn"), r.examples().get(1).example().tags().subList(1, 2));
    }

    @Test
    void invalidUtf8RejectsOnlyThatLine() {
        byte[] bytes = "good/jj\nca/at fa\u00e7ade/nn\nok/jj\n".getBytes(StandardCharsets.ISO_8859_1);
        FileReadResult r = read(ReaderConfig.brown(BrownTask.POS), "ca03", bytes);
        assertEquals(2, r.examples().size());
        ReadError e = r.rejected().get(0);
        assertEquals(Problem.INVALID_UTF8, e.problem());
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("not valid UTF-8"), e.detail());
    }

    @Test
    void emptyAndBlankFilesAreRejected() {
        assertEquals(Problem.EMPTY_FILE, read(ReaderConfig.brown(BrownTask.POS), "ca01", "").rejected().get(0).problem());
        assertEquals(Problem.EMPTY_FILE, read(ReaderConfig.brown(BrownTask.POS), "ca01", "\n  \n\t\n").rejected().get(0).problem());
    }

    @Test
    void binaryFileIsRejectedAsAWhole() {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        FileReadResult r = read(ReaderConfig.brown(BrownTask.POS), "ca01", bytes);
        assertTrue(r.examples().isEmpty());
        assertEquals(Problem.BINARY_FILE, r.rejected().get(0).problem());
        assertEquals(0, r.rejected().get(0).line());
    }
}

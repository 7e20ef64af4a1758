package dev.groot.model.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.groot.model.io.ReadersTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesReaderTest {

    private static ReadError only(String line) {
        FileReadResult r = read(ReaderConfig.of(InputFormat.JSONL), "in.jsonl", line + "\n");
        assertTrue(r.examples().isEmpty());
        assertEquals(1, r.rejected().size());
        assertEquals(1, r.rejected().get(0).line());
        return r.rejected().get(0);
    }

    @Test
    void readsRecordsWithSplitField() {
        String text = "{\"id\":\"s1\",\"tokens\":[\"a\",\"b\"],\"tags\":[\"DT\",\"NN\"],\"split\":\"dev\"}\n\n"
                + "{\"id\":7,\"tokens\":[\"c\"],\"tags\":[\"NN\"],\"split\":\"train\"}\n";
        FileReadResult r = read(ReaderConfig.of(InputFormat.JSONL), "in.jsonl", text);
        assertTrue(r.rejected().isEmpty(), r.rejected()::toString);
        assertEquals("s1", r.examples().get(0).example().id());
        assertEquals("dev", r.examples().get(0).example().split());
        assertEquals("7", r.examples().get(1).example().id());
        assertEquals(3, r.examples().get(1).line());
        assertEquals(List.of("c"), r.examples().get(1).example().tokens());
    }

    @Test
    void badRecordsNameTheirProblem() {
        assertEquals(Problem.INVALID_JSON, only("{\"id\": \"x\", tokens: }").problem());
        assertEquals(Problem.INVALID_JSON, only("[1, 2]").problem());
        assertEquals(Problem.MISSING_FIELD, only("{\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.MISSING_FIELD, only("{\"id\":\"a\",\"tokens\":[\"a\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.WRONG_TYPE, only("{\"id\":\"a\",\"tokens\":\"a b\",\"tags\":[\"X\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.WRONG_TYPE, only("{\"id\":\"a\",\"tokens\":[1],\"tags\":[\"X\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.WRONG_TYPE, only("{\"id\":[1],\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.LENGTH_MISMATCH, only("{\"id\":\"a\",\"tokens\":[\"a\",\"b\"],\"tags\":[\"X\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.EMPTY_TOKEN, only("{\"id\":\"a\",\"tokens\":[\"a\",\" \"],\"tags\":[\"X\",\"Y\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.EMPTY_TAG, only("{\"id\":\"a\",\"tokens\":[\"a\"],\"tags\":[\"\"],\"split\":\"train\"}").problem());
        assertEquals(Problem.MISSING_SPLIT, only("{\"id\":\"a\",\"tokens\":[\"a\"],\"tags\":[\"X\"]}").problem());
        assertEquals(Problem.MISSING_SPLIT, only("{\"id\":\"a\",\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"../x\"}").problem());
    }

    @Test
    void messageNamesFileLineAndProblem() {
        String text = "{\"id\":\"a\",\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"train\"}\n"
                + "{\"id\":\"b\",\"tokens\":[\"a\",\"b\"],\"tags\":[\"X\"],\"split\":\"train\"}\n";
        ReadError e = read(ReaderConfig.of(InputFormat.JSONL), "in.jsonl", text).rejected().get(0);
        assertEquals("in.jsonl:2: tokens and tags of different lengths: 2 tokens but 1 tags", e.message());
    }
}

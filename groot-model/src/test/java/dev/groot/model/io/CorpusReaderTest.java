package dev.groot.model.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReaderTest {

    @TempDir
    java.nio.file.Path dir;

    private FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    private static final String A = "{\"id\":\"a\",\"tokens\":[\"x\"],\"tags\":[\"X\"],\"split\":\"train\"}\n";
    private static final String B = "{\"id\":\"b\",\"tokens\":[\"y\"],\"tags\":[\"Y\"],\"split\":\"dev\"}\n";

    @Test
    void duplicateIdAcrossFilesFailsOrIsQuarantined() throws IOException {
        Files.writeString(dir.resolve("1.jsonl"), A + B);
        Files.writeString(dir.resolve("2.jsonl"), B.replace("\"y\"", "\"z\""));
        ReaderConfig c = ReaderConfig.of(InputFormat.JSONL);
        ReadException e = assertThrows(ReadException.class,
                () -> new CorpusReader(c, OnError.FAIL).read(fs(), new Path(dir.toUri())));
        assertEquals(Problem.DUPLICATE_ID, e.error().problem());
        assertTrue(e.getMessage().contains("2.jsonl:1: duplicate id 'b' (first seen at "), e.getMessage());

        FileReadResult r = new CorpusReader(c, OnError.SKIP).read(fs(), new Path(dir.toUri()));
        assertEquals(2, r.examples().size());
        assertEquals("y", r.examples().get(1).example().tokens().get(0), "the first occurrence is kept");
        assertEquals(1, r.rejected().size());
    }

    @Test
    void skipKeepsEveryGoodRecordAndFailStopsAtTheFirstBadOne() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), A + "not json\n" + B);
        Files.write(dir.resolve("b.jsonl"), new byte[0]);
        ReaderConfig c = ReaderConfig.of(InputFormat.JSONL);
        ReadException e = assertThrows(ReadException.class,
                () -> new CorpusReader(c, OnError.FAIL).read(fs(), new Path(dir.toUri())));
        assertTrue(e.getMessage().endsWith("a.jsonl:2: invalid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"), e.getMessage());
        FileReadResult r = new CorpusReader(c, OnError.SKIP).read(fs(), new Path(dir.toUri()));
        assertEquals(2, r.examples().size());
        assertEquals(2, r.rejected().size());
        assertEquals(Problem.EMPTY_FILE, r.rejected().get(1).problem());
    }

    @Test
    void emptyInputDirectoryAndBrownNonCorpusFilesAreNoInput() throws IOException {
        Files.writeString(dir.resolve("README"), "not a corpus file\n");
        Files.writeString(dir.resolve("_hidden"), A);
        ReadException e = assertThrows(ReadException.class, () -> CorpusFiles.list(fs(), new Path(dir.toUri()), InputFormat.BROWN));
        assertEquals(Problem.NO_INPUT, e.error().problem());
        assertEquals(1, CorpusFiles.list(fs(), new Path(dir.toUri()), InputFormat.JSONL).size(), "hidden files are skipped");
        assertThrows(ReadException.class, () -> CorpusFiles.list(fs(), new Path(dir.resolve("missing").toUri()), InputFormat.JSONL));
    }

    @Test
    void bundledSampleReadsCleanly() throws IOException {
        java.nio.file.Path sample = java.nio.file.Path.of("..", "data", "sample");
        FileReadResult brown = new CorpusReader(ReaderConfig.brown(BrownTask.TITLE), OnError.FAIL)
                .read(fs(), new Path(sample.resolve("brown").toAbsolutePath().toUri()));
        CorpusSummary s = CorpusSummary.of(brown.examples().stream().map(LocatedExample::example).toList());
        assertEquals(288, s.sentences());
        assertEquals(98, s.splits().get("train")[0]);
        assertEquals(84, s.splits().get("dev")[0]);
        assertEquals(106, s.splits().get("test")[0]);
        assertEquals(3, s.tags().size());
        assertTrue(s.spans() > 0);
        FileReadResult conll = new CorpusReader(ReaderConfig.of(InputFormat.CONLL), OnError.FAIL)
                .read(fs(), new Path(sample.resolve("conll").toAbsolutePath().toUri()));
        assertEquals(36, conll.examples().size());
        FileReadResult jsonl = new CorpusReader(ReaderConfig.of(InputFormat.JSONL), OnError.FAIL)
                .read(fs(), new Path(sample.resolve("jsonl").toAbsolutePath().toUri()));
        assertEquals(30, jsonl.examples().size());
    }
}

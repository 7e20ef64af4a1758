package dev.groot.spark.job;

import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.model.io.OnError;
import dev.groot.model.io.ReadException;
import dev.groot.spark.SparkTestSession;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.io.ExampleParquet;
import dev.groot.spark.io.ExampleRows;
import dev.groot.spark.io.GrootSchemas;
import dev.groot.spark.io.OutputExistsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("spark")
class IngestJobTest {

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();

    /** Independent count of the Brown sample: non-blank lines and whitespace-separated tokens. */
    private static long[] countBrown(Path file) throws IOException {
        long sentences = 0;
        long tokens = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                sentences++;
                tokens += line.trim().split("\\s+").length;
            }
        }
        return new long[]{sentences, tokens};
    }

    @Test
    void ingestsTheBrownSampleWithSummaryAndParquet() throws IOException {
        String out = dir.resolve("title").toString();
        IngestResult r = IngestJob.run(spark, IngestOptions.of(InputFormat.BROWN, SparkTestSession.sample("brown").toString(), out)
                .withTask(BrownTask.TITLE));
        long[] train = countBrown(SparkTestSession.sample("brown/ca01"));
        long[] dev = countBrown(SparkTestSession.sample("brown/ca05"));
        long[] test = countBrown(SparkTestSession.sample("brown/ca10"));
        JsonNode s = new ObjectMapper().readTree(Files.readString(dir.resolve("title/_summary.json")));
        assertEquals(train[0] + dev[0] + test[0], s.get("sentences").asLong());
        assertEquals(288, s.get("sentences").asLong());
        assertEquals(train[1] + dev[1] + test[1], s.get("tokens").asLong());
        assertEquals(154, s.get("spans").asLong());
        assertEquals(train[0], s.at("/splits/train/sentences").asLong());
        assertEquals(dev[1], s.at("/splits/dev/tokens").asLong());
        assertEquals(test[0], s.at("/splits/test/sentences").asLong());
        assertEquals(0, s.get("rejected").asLong());
        assertEquals(s.get("tokens").asLong(), s.at("/tags/O").asLong() + s.at("/tags/B-TL").asLong() + s.at("/tags/I-TL").asLong());
        assertEquals(s.at("/tags/B-TL").asLong(), s.get("spans").asLong());
        assertTrue(AtomicOutput.isComplete(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(out)));
        assertEquals(r.summary().sentences(), 288);

        Dataset<Row> back = ExampleParquet.read(spark, out);
        assertArrayEquals(GrootSchemas.EXAMPLE.fieldNames(), back.schema().fieldNames());
        assertEquals(288, back.count());
        assertEquals(84, ExampleParquet.read(spark, out, "dev").count());
        Row first = back.where("id = 'ca01:1'").first();
        assertEquals(List.of("O", "B-TL", "I-TL", "I-TL", "I-TL"), ExampleRows.fromRow(first).tags().subList(0, 5));
        assertEquals("ca01", first.getAs("source"));
    }

    @Test
    void ingestsConllAndJsonl() throws IOException {
        IngestResult conll = IngestJob.run(spark, IngestOptions.of(InputFormat.CONLL,
                SparkTestSession.sample("conll").toString(), dir.resolve("conll").toString()));
        assertEquals(36, conll.summary().sentences());
        assertEquals(12, conll.summary().splits().get("dev")[0]);
        assertTrue(conll.summary().spans() > 0, "the last column is BIO");
        IngestResult jsonl = IngestJob.run(spark, IngestOptions.of(InputFormat.JSONL,
                SparkTestSession.sample("jsonl").toString(), dir.resolve("jsonl").toString()));
        assertEquals(30, jsonl.summary().sentences());
        assertEquals(0, jsonl.summary().spans(), "POS tags are not BIO");
        assertEquals(10, ExampleParquet.read(spark, dir.resolve("jsonl").toString(), "test").count());
    }

    @Test
    void failStopsAtTheFirstBadRecordAndWritesNothing() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), "{\"id\":\"1\",\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"train\"}\n"
                + "{\"id\":\"2\",\"tokens\":[\"a\"],\"tags\":[\"X\",\"Y\"],\"split\":\"train\"}\n");
        ReadException e = assertThrows(ReadException.class, () -> IngestJob.run(spark,
                IngestOptions.of(InputFormat.JSONL, in.toString(), dir.resolve("out").toString())));
        assertTrue(e.getMessage().endsWith("a.jsonl:2: tokens and tags of different lengths: 1 tokens but 2 tags"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary output left");
        }
    }

    @Test
    void skipQuarantinesEveryBadRecordAndKeepsEveryGoodOne() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        String good = "{\"id\":\"%s\",\"tokens\":[\"a\",\"b\"],\"tags\":[\"X\",\"Y\"],\"split\":\"train\"}\n";
        Files.writeString(in.resolve("a.jsonl"), good.formatted("1") + "{broken\n" + good.formatted("2"));
        Files.writeString(in.resolve("b.jsonl"), good.formatted("2") + good.formatted("3"));
        Files.write(in.resolve("c.jsonl"), new byte[]{'{', (byte) 0xC3, '}', '\n'});
        Files.write(in.resolve("d.jsonl"), new byte[0]);
        IngestResult r = IngestJob.run(spark, IngestOptions.of(InputFormat.JSONL, in.toString(), dir.resolve("out").toString())
                .withOnError(OnError.SKIP));
        assertEquals(3, r.summary().sentences());
        assertEquals(4, r.summary().rejected());
        assertEquals(1L, r.summary().rejectedByProblem().get("duplicate_id"));
        assertEquals(1L, r.summary().rejectedByProblem().get("invalid_json"));
        assertEquals(1L, r.summary().rejectedByProblem().get("invalid_utf8"));
        assertEquals(1L, r.summary().rejectedByProblem().get("empty_file"));
        Dataset<Row> rejected = spark.read().json(dir.resolve("out/rejected").toString());
        assertEquals(4, rejected.count());
        Row dup = rejected.where("problem = 'duplicate_id'").first();
        assertTrue(dup.<String>getAs("file").endsWith("b.jsonl"));
        assertEquals(1L, dup.<Long>getAs("line"));
        assertTrue(dup.<String>getAs("detail").contains("a.jsonl:3"), dup.<String>getAs("detail"));
        assertEquals(3, ExampleParquet.read(spark, dir.resolve("out").toString()).count());
        String json = Files.readString(dir.resolve("out/_summary.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"rejected\" : 4"), json);
    }

    @Test
    void duplicateIdFailsNamingBothPlaces() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        String rec = "{\"id\":\"x\",\"tokens\":[\"a\"],\"tags\":[\"X\"],\"split\":\"dev\"}\n";
        Files.writeString(in.resolve("a.jsonl"), rec);
        Files.writeString(in.resolve("b.jsonl"), "\n" + rec);
        ReadException e = assertThrows(ReadException.class, () -> IngestJob.run(spark,
                IngestOptions.of(InputFormat.JSONL, in.toString(), dir.resolve("out").toString())));
        assertTrue(e.getMessage().matches(".*b\\.jsonl:2: duplicate id 'x' \\(first seen at .*a\\.jsonl:1\\)"), e.getMessage());
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        IngestOptions o = IngestOptions.of(InputFormat.JSONL, SparkTestSession.sample("jsonl").toString(), dir.resolve("out").toString());
        assertThrows(OutputExistsException.class, () -> IngestJob.run(spark, o));
        assertEquals(30, IngestJob.run(spark, o.withOverwrite(true)).summary().sentences());
    }
}

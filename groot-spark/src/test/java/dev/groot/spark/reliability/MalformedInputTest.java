package dev.groot.spark.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groot.spark.job.SparkTestData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed input through the real CLI ({@code GrootCli.entryPoint}): each class gets one clear
 * error line naming file, line and problem (exit code 1), or under {@code --on-error skip} a
 * counted quarantine in which no valid sentence is lost. Also the inputs that are fine but
 * unusual (BOM, CRLF) must read exactly like their plain versions.
 */
@Tag("fault")
@Tag("spark")
@DisplayName("Malformed input (ingest, evaluate, predict)")
@ExtendWith(ReliabilityResults.class)
class MalformedInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String model;
    static String data;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        String run = SparkTestData.sharedRun(spark);
        model = run + "/best";
        data = SparkTestData.sharedRunData(run);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    // ---- ingest: fail fast with file:line: problem ----

    @Test
    @DisplayName("ingest: empty file")
    void emptyFile() throws IOException {
        Path f = write("empty/train.conll", new byte[0]);
        expectError(ingest("conll", f, "fail"), f + ":0: empty file");
    }

    @Test
    @DisplayName("ingest: binary file")
    void binaryFile() throws IOException {
        byte[] bytes = new byte[600];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path f = write("binary/train.conll", bytes);
        expectError(ingest("conll", f, "fail"), f + ":0: binary file (NUL byte at offset 0)");
    }

    @Test
    @DisplayName("ingest: wrong encoding (Latin-1 bytes), fail and skip")
    void wrongEncoding() throws IOException {
        String good1 = jsonl("a1", "train", "Mr", "John");
        String bad = jsonl("a2", "train", "Mr", "Jos\u00e9");
        String good3 = jsonl("a3", "dev", "in", "Rome");
        Path f = tmp.resolve("latin1/data.jsonl");
        Files.createDirectories(f.getParent());
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write((good1 + "\n").getBytes(StandardCharsets.UTF_8));
            o.write((bad + "\n").getBytes(StandardCharsets.ISO_8859_1));
            o.write((good3 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String line = expectError(ingest("jsonl", f, "fail"), f + ":2: bytes that are not valid UTF-8");
        Quarantine q = skip("jsonl", f);
        q.expect(Map.of("invalid_utf8", 1L), List.of("a1", "a3"));
        ReliabilityResults.outcome(line + " | skip: " + q);
    }

    @Test
    @DisplayName("ingest: UTF-8 byte-order mark")
    void byteOrderMark() throws IOException {
        String body = jsonl("b1", "train", "Mr", "John") + "\n" + jsonl("b2", "dev", "in", "Oslo") + "\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path f = write("bom/data.jsonl", concat(bom, body.getBytes(StandardCharsets.UTF_8)));
        Path out = ingestOk("jsonl", f);
        assertEquals(List.of("b1", "b2"), ids(out));
        ReliabilityResults.outcome("BOM dropped: 2 sentences, first id 'b1' without a BOM");
    }

    @Test
    @DisplayName("ingest: CRLF line endings")
    void crlf() throws IOException {
        String conll = "Mr O\nJohn B-PER\nsees O\n\nin O\nRome B-LOC\n";
        Path lf = write("lf/train.conll", conll.getBytes(StandardCharsets.UTF_8));
        Path crlf = write("crlf/train.conll", conll.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        Path a = ingestOk("conll", lf);
        Path b = ingestOk("conll", crlf);
        assertEquals(rows(a), rows(b), "CRLF reads exactly like LF");
        assertFalse(rows(b).toString().contains("\r"));
        ReliabilityResults.outcome("2 sentences, identical to the LF file (no '\\r' in any tag)");
    }

    @Test
    @DisplayName("ingest: inconsistent CoNLL columns, fail and skip")
    void inconsistentColumns() throws IOException {
        String conll = "Mr NNP O\nJohn NNP B-PER\n\nin IN O\nRome B-LOC\n\nthe DT O\ndog NN O\n";
        Path f = write("columns/train.conll", conll.getBytes(StandardCharsets.UTF_8));
        String line = expectError(ingest("conll", f, "fail"), f + ":5: wrong column count: 2 columns, expected 3");
        Quarantine q = skip("conll", f);
        q.expect(Map.of("wrong_column_count", 1L), List.of("train.conll:1", "train.conll:3"));
        ReliabilityResults.outcome(line + " | skip: " + q);
    }

    @Test
    @DisplayName("ingest: CoNLL token without a tag")
    void tokenWithoutTag() throws IOException {
        Path f = write("notag/train.conll", "Mr\nJohn\n".getBytes(StandardCharsets.UTF_8));
        expectError(ingest("conll", f, "fail"), f + ":1: wrong column count: 1 column(s)");
    }

    @Test
    @DisplayName("ingest: JSON with wrong types, fail and skip")
    void jsonWrongTypes() throws IOException {
        List<String> lines = List.of(
                jsonl("j1", "train", "Mr", "John"),
                "{\"id\": \"j2\", \"split\": \"train\", \"tokens\": \"Mr John\", \"tags\": [\"O\", \"B-PER\"]}",
                "{\"id\": {\"n\": 3}, \"split\": \"train\", \"tokens\": [\"a\"], \"tags\": [\"O\"]}",
                "{\"id\": \"j4\", \"split\": \"train\", \"tokens\": [\"a\", \"b\"], \"tags\": [\"O\", 7]}",
                "{\"id\": \"j5\", \"split\": 5, \"tokens\": [\"a\"], \"tags\": [\"O\"]}",
                jsonl("j6", "dev", "in", "Rome"));
        Path f = write("types/data.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        String line = expectError(ingest("jsonl", f, "fail"), f + ":2: field 'tokens' must be an array of strings");
        Quarantine q = skip("jsonl", f);
        q.expect(Map.of("wrong_type", 4L), List.of("j1", "j6"));
        ReliabilityResults.outcome(line + " | skip: " + q);
    }

    @Test
    @DisplayName("ingest: invalid JSON")
    void invalidJson() throws IOException {
        Path f = write("badjson/data.jsonl", (jsonl("k1", "train", "a", "b") + "\n{\"id\": \"k2\", \"tokens\": [\"a\"\n")
                .getBytes(StandardCharsets.UTF_8));
        expectError(ingest("jsonl", f, "fail"), f + ":2: invalid JSON");
    }

    @Test
    @DisplayName("ingest: duplicated ids across files, fail and skip")
    void duplicatedIds() throws IOException {
        write("dups/a.jsonl", (jsonl("d1", "train", "Mr", "John") + "\n" + jsonl("d2", "train", "in", "Rome") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Path b = write("dups/b.jsonl", (jsonl("d3", "dev", "the", "dog") + "\n" + jsonl("d1", "dev", "a", "cat") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Path dir = b.getParent();
        String line = expectError(ingest("jsonl", dir, "fail"), b + ":2: duplicate id 'd1' (first seen at ");
        assertTrue(line.contains("a.jsonl:1"), line);
        Quarantine q = skip("jsonl", dir);
        q.expect(Map.of("duplicate_id", 1L), List.of("d1", "d2", "d3"));
        assertEquals(List.of("Mr", "John"), tokensOf(q.output, "d1"), "the first occurrence is the one kept");
        ReliabilityResults.outcome(line + " | skip: " + q + ", the first 'd1' kept");
    }

    @Test
    @DisplayName("ingest: empty tokens and empty tags")
    void emptyTokens() throws IOException {
        List<String> lines = List.of(
                "{\"id\": \"e1\", \"split\": \"train\", \"tokens\": [\"Mr\", \"\"], \"tags\": [\"O\", \"B-PER\"]}",
                "{\"id\": \"e2\", \"split\": \"train\", \"tokens\": [\"Mr\", \" \"], \"tags\": [\"O\", \"B-PER\"]}",
                "{\"id\": \"e3\", \"split\": \"train\", \"tokens\": [\"Mr\", \"John\"], \"tags\": [\"O\", \"\"]}",
                "{\"id\": \"e4\", \"split\": \"train\", \"tokens\": [], \"tags\": []}",
                jsonl("e5", "train", "Mr", "John"));
        Path f = write("emptytok/data.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        String line = expectError(ingest("jsonl", f, "fail"), f + ":1: empty token at position 2");
        Quarantine q = skip("jsonl", f);
        q.expect(Map.of("empty_token", 3L, "empty_tag", 1L), List.of("e5"));
        ReliabilityResults.outcome(line + " | skip: " + q);
    }

    @Test
    @DisplayName("ingest: extremely long sentence (20,000 tokens)")
    void extremelyLongSentence() throws IOException {
        List<String> tokens = new ArrayList<>(Collections.nCopies(20_000, "word"));
        List<String> tags = new ArrayList<>(Collections.nCopies(20_000, "O"));
        String longLine = JSON.writeValueAsString(Map.of("id", "L1", "split", "train", "tokens", tokens, "tags", tags));
        Path f = write("long/data.jsonl", (jsonl("L0", "train", "Mr", "John") + "\n" + longLine + "\n")
                .getBytes(StandardCharsets.UTF_8));
        String line = expectError(ingest("jsonl", f, "fail"),
                f + ":2: sentence of 20000 tokens is longer than the maximum 1000 (--max-length)");
        Quarantine q = skip("jsonl", f);
        q.expect(Map.of("too_long", 1L), List.of("L0"));
        ReliabilityResults.outcome(line + " | skip: " + q);
    }

    @Test
    @DisplayName("ingest: missing split")
    void missingSplit() throws IOException {
        Path f = write("nosplit/data.jsonl", ("{\"id\": \"s1\", \"tokens\": [\"a\"], \"tags\": [\"O\"]}\n")
                .getBytes(StandardCharsets.UTF_8));
        expectError(ingest("jsonl", f, "fail"), f + ":1: missing split: record s1 has no 'split' field");
    }

    @Test
    @DisplayName("ingest: tokens and tags of different lengths")
    void lengthMismatch() throws IOException {
        Path f = write("mismatch/data.jsonl", ("{\"id\": \"m1\", \"split\": \"train\", \"tokens\": [\"a\", \"b\"], "
                + "\"tags\": [\"O\"]}\n").getBytes(StandardCharsets.UTF_8));
        expectError(ingest("jsonl", f, "fail"), f + ":1: tokens and tags of different lengths: 2 tokens but 1 tags");
    }

    @Test
    @DisplayName("ingest: no input files (only hidden ones)")
    void noInput() throws IOException {
        Path dir = tmp.resolve("noinput");
        Files.createDirectories(dir.resolve("_logs"));
        Files.writeString(dir.resolve(".hidden.conll"), "Mr O\n");
        Files.writeString(dir.resolve("_logs/part.conll"), "Mr O\n");
        String line = Cli.run("ingest", "--master", "local[2]", "--format", "conll", "--input", dir.toString(),
                "--output", tmp.resolve("out-noinput").toString()).oneErrorLine();
        assertTrue(line.contains("no conll input files in this directory"), line);
        ReliabilityResults.outcome(line);
    }

    @Test
    @DisplayName("ingest --on-error skip: every class in one file, nothing valid lost")
    void everythingAtOnceUnderSkip() throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "v" + i;
            valid.add(id);
            lines.add(jsonl(id, i % 2 == 0 ? "train" : "dev", "Mr", "John"));
            switch (i) {
                case 0 -> lines.add("{\"id\": \"x0\", \"split\": \"train\", \"tokens\": \"a\", \"tags\": [\"O\"]}");
                case 1 -> lines.add("{not json");
                case 2 -> lines.add("{\"id\": \"x2\", \"split\": \"train\", \"tokens\": [\"\"], \"tags\": [\"O\"]}");
                case 3 -> lines.add("{\"id\": \"x3\", \"tokens\": [\"a\"], \"tags\": [\"O\"]}");
                case 4 -> lines.add("{\"id\": \"x4\", \"split\": \"train\", \"tokens\": [\"a\", \"b\"], \"tags\": [\"O\"]}");
                case 5 -> lines.add(jsonl("v0", "train", "again", "duplicate"));
                case 6 -> lines.add("{\"split\": \"train\", \"tokens\": [\"a\"], \"tags\": [\"O\"]}");
                case 7 -> lines.add("{\"id\": \"x7\", \"split\": \"train\", \"tokens\": [\"a\"], \"tags\": [\" \"]}");
                default -> { }
            }
        }
        Path f = write("mixed/data.jsonl", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Quarantine q = skip("jsonl", f);
        q.expect(Map.of("wrong_type", 1L, "invalid_json", 1L, "empty_token", 1L, "missing_split", 1L,
                "length_mismatch", 1L, "duplicate_id", 1L, "missing_field", 1L, "empty_tag", 1L), valid);
        ReliabilityResults.outcome("skip: " + q);
    }

    // ---- evaluate and predict ----

    @Test
    @DisplayName("evaluate: tags unknown to the model")
    void unknownTagsEvaluate() throws IOException {
        Path examples = unknownTagData();
        String line = Cli.run("evaluate", "--master", "local[2]", "--model", model, "--data", examples.toString(),
                "--split", "dev").oneErrorLine();
        assertTrue(line.startsWith("groot evaluate: error: example u2, position 1 (token 'Acme'): unknown tag 'B-ORG'"),
                line);
        ReliabilityResults.outcome(line);
    }

    @Test
    @DisplayName("predict: tags unknown to the model (gold is not needed)")
    void unknownTagsPredict() throws IOException {
        Path examples = unknownTagData();
        Path out = tmp.resolve("pred-unknown");
        Cli r = Cli.run("predict", "--master", "local[2]", "--model", model, "--data", examples.toString(),
                "--split", "dev", "--k", "2", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Dataset<Row> p = spark.read().parquet(out.toString());
        assertEquals(2, p.select("example_id").distinct().count());
        assertEquals(4, p.count());
        ReliabilityResults.outcome("predicted both dev sentences (2 x top-2 rows): gold tags are ignored by predict");
    }

    @Test
    @DisplayName("evaluate and predict: a model file of another format")
    void modelOfAnotherFormat() throws IOException {
        Path zip = tmp.resolve("other-model.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{\"layers\": []}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String e = Cli.run("evaluate", "--master", "local[2]", "--model", zip.toString(), "--data", data).oneErrorLine();
        assertTrue(e.contains("model file " + zip + ": not a groot model file (missing GROOTMDL header)"), e);
        String p = Cli.run("predict", "--master", "local[2]", "--model", zip.toString(), "--data", data, "--output",
                tmp.resolve("pred-zip").toString()).oneErrorLine();
        assertTrue(p.contains("not a groot model file"), p);
        assertFalse(Files.exists(tmp.resolve("pred-zip")), "no output for a failed predict");
        ReliabilityResults.outcome(e);
    }

    @Test
    @DisplayName("evaluate and predict: a truncated model file")
    void truncatedModel() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(model));
        Path cut = write("models/truncated.groot", java.util.Arrays.copyOf(bytes, bytes.length - 100));
        String e = Cli.run("evaluate", "--master", "local[2]", "--model", cut.toString(), "--data", data).oneErrorLine();
        assertTrue(e.contains("model file " + cut + ": truncated model file"), e);
        String p = Cli.run("predict", "--master", "local[2]", "--model", cut.toString(), "--data", data, "--output",
                tmp.resolve("pred-cut").toString()).oneErrorLine();
        assertTrue(p.contains("truncated model file"), p);
        ReliabilityResults.outcome(e);
    }

    @Test
    @DisplayName("evaluate and predict: missing split")
    void missingSplitEvaluatePredict() {
        String e = Cli.run("evaluate", "--master", "local[2]", "--model", model, "--data", data, "--split", "valid")
                .oneErrorLine();
        assertTrue(e.contains("has no sentences in split 'valid'"), e);
        Path out = tmp.resolve("pred-nosplit");
        String p = Cli.run("predict", "--master", "local[2]", "--model", model, "--data", data, "--split", "valid",
                "--output", out.toString()).oneErrorLine();
        assertTrue(p.contains("has no sentences in split 'valid'"), p);
        assertFalse(Files.exists(out), "no empty output for a split that does not exist");
        ReliabilityResults.outcome(e);
    }

    @Test
    @DisplayName("evaluate: data that is not example Parquet")
    void notExampleParquet() throws IOException {
        Path raw = write("raw/data.jsonl", (jsonl("r1", "dev", "a", "b") + "\n").getBytes(StandardCharsets.UTF_8));
        String e = Cli.run("evaluate", "--master", "local[2]", "--model", model, "--data", raw.getParent().toString())
                .oneErrorLine();
        assertTrue(e.contains("cannot read examples at " + raw.getParent()) && e.contains("groot ingest"), e);
        ReliabilityResults.outcome(e);
    }

    // ---- helpers ----

    /** Example Parquet (via ingest) whose dev sentences use a tag the model never saw. */
    private static Path unknownTagData() throws IOException {
        Path out = tmp.resolve("out-unknown-tags");
        if (!Files.exists(out)) {
            String body = jsonl("u1", "dev", "Mr", "John") + "\n"
                    + "{\"id\": \"u2\", \"split\": \"dev\", \"tokens\": [\"at\", \"Acme\"], \"tags\": [\"O\", \"B-ORG\"]}\n";
            Path f = write("unknown/data.jsonl", body.getBytes(StandardCharsets.UTF_8));
            Cli r = ingest("jsonl", f, "fail", out);
            assertEquals(0, r.exitCode(), r.err());
        }
        return out;
    }

    private static Cli ingest(String format, Path input, String onError) {
        return ingest(format, input, onError, tmp.resolve("out-" + input.getParent().getFileName() + "-" + onError));
    }

    private static Cli ingest(String format, Path input, String onError, Path output) {
        return Cli.run("ingest", "--master", "local[2]", "--format", format, "--input", input.toString(),
                "--output", output.toString(), "--on-error", onError, "--overwrite");
    }

    private static Path ingestOk(String format, Path input) {
        Path out = tmp.resolve("out-" + input.getParent().getFileName() + "-ok");
        Cli r = ingest(format, input, "fail", out);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** Checks exit code 1, exactly one error line, and that it names file:line: problem. */
    private static String expectError(Cli r, String expected) {
        String line = r.oneErrorLine();
        assertEquals(1, r.exitCode());
        assertTrue(line.contains(expected), "expected '" + expected + "' in: " + line);
        ReliabilityResults.outcome(line);
        return line;
    }

    /** What {@code --on-error skip} kept and quarantined. */
    private record Quarantine(Path output, Map<String, Long> rejectedByProblem, long rejectedRows, List<String> ids) {

        void expect(Map<String, Long> problems, List<String> validIds) {
            assertEquals(new TreeMap<>(problems), new TreeMap<>(rejectedByProblem), "rejections by problem");
            long total = problems.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(total, rejectedRows, "every rejection is in rejected/ with its reason");
            assertEquals(new TreeSet<>(validIds), new TreeSet<>(ids), "every valid sentence kept, nothing else");
            assertEquals(validIds.size(), ids.size(), "no sentence twice");
        }

        @Override
        public String toString() {
            return ids.size() + " valid sentences kept, quarantined " + rejectedByProblem;
        }
    }

    private static Quarantine skip(String format, Path input) throws IOException {
        Path out = tmp.resolve("out-" + input.getFileName() + "-" + input.getParent().getFileName() + "-skip");
        Cli r = ingest(format, input, "skip", out);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("_summary.json").toFile());
        Map<String, Long> byProblem = new TreeMap<>();
        summary.get("rejected_by_problem").fields().forEachRemaining(e -> byProblem.put(e.getKey(), e.getValue().asLong()));
        long rejectedRows = spark.read().json(out.resolve("rejected").toString()).count();
        return new Quarantine(out, byProblem, rejectedRows, ids(out));
    }

    private static List<String> ids(Path ingestOutput) {
        return spark.read().parquet(ingestOutput.resolve("examples").toString()).select("id").orderBy("id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private static List<String> rows(Path ingestOutput) {
        return spark.read().parquet(ingestOutput.resolve("examples").toString()).orderBy("id")
                .collectAsList().stream().map(r -> r.getAs("id") + " " + r.getList(r.fieldIndex("tokens")) + " "
                        + r.getList(r.fieldIndex("tags")) + " " + r.getAs("split")).toList();
    }

    private static List<String> tokensOf(Path ingestOutput, String id) {
        Row r = spark.read().parquet(ingestOutput.resolve("examples").toString()).where("id = '" + id + "'").first();
        return r.getList(r.fieldIndex("tokens"));
    }

    private static String jsonl(String id, String split, String... tokens) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            tags.add(Character.isUpperCase(tokens[i].charAt(0)) && i > 0 ? "B-PER" : "O");
        }
        try {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", id);
            m.put("split", split);
            m.put("tokens", List.of(tokens));
            m.put("tags", tags);
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path write(String relative, byte[] bytes) throws IOException {
        Path f = tmp.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        return f;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

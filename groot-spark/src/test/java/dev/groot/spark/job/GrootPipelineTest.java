package dev.groot.spark.job;

import dev.groot.model.correct.RandomSubsetCorrector;
import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.objective.KlObjective;
import dev.groot.model.reward.Rewards;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.GrootStep;
import dev.groot.model.engine.StepSettings;
import dev.groot.spark.executor.ExecutorModels;
import dev.groot.spark.store.CandidateRows;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GROOT iterations end to end on a real local[2] Spark session. */
@Tag("spark")
class GrootPipelineTest {

    @TempDir
    static java.nio.file.Path tmp;
    static SparkSession spark;
    static String data;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), 96, 32);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void twoIterationsStoreEverythingAndResume() throws Exception {
        String run = tmp.resolve("run-two").toString();
        List<String> log = new ArrayList<>();
        RunManifest m = new GrootTrainJob(spark, SparkTestData.config(data, run, 2, false), log::add).run();

        assertEquals(List.of(0, 1, 2), m.iterations().stream().map(r -> r.iteration()).toList());
        RunLayout layout = new RunLayout(run);
        for (int t = 1; t <= 2; t++) {
            Dataset<Row> cands = spark.read().parquet(layout.candidates(t).toString());
            assertEquals(CandidateRows.SCHEMA.fieldNames().length, cands.schema().fieldNames().length);
            for (String f : CandidateRows.SCHEMA.fieldNames()) {
                // Parquet reads arrays back as nullable; compare the types, not the nullability.
                assertEquals(CandidateRows.SCHEMA.apply(f).dataType().catalogString(),
                        cands.schema().apply(f).dataType().catalogString(), f);
            }
            long rows = cands.count();
            long keys = cands.select("example_id", "rank").distinct().count();
            assertEquals(rows, keys, "one row per (example, rank)");
            assertEquals(96, cands.select("example_id").distinct().count(), "every training sentence has candidates");
            assertEquals(96, cands.where(col("reward").equalTo(1.0)).select("example_id").distinct().count(),
                    "gold (reward 1) is in every candidate set");
            assertTrue(cands.where(col("reward").lt(0).or(col("reward").gt(1))).isEmpty(), "rewards in [0,1]");
            assertTrue(cands.where(col("weight").lt(0)).count() > 0, "KL weights are negative for some candidates");
            assertEquals(1, spark.read().parquet(layout.metrics(t).toString())
                    .where(col("metric").equalTo("top1/span-fbeta:beta=1.0")).count());
            assertEquals(m.runId(), cands.select("run_id").distinct().first().getString(0));
            // nothing left out silently: the manifest counts what the update kept and left out
            java.util.Map<String, Long> counts = m.iteration(t).counts();
            assertEquals(rows, m.iteration(t).candidateRows());
            assertEquals(rows, counts.get("update_rows") + counts.get("update_rows_left_out"), counts.toString());
            assertTrue(counts.get("update_rows") > 0, counts.toString());
            assertTrue(counts.get("invalid_bio_dropped") >= 0, counts.toString());
        }
        assertEquals(java.util.Map.of("invalid_bio_dropped", 0L), m.iteration(0).counts(), "the warm start drops nothing");
        TaggerModel best = ModelIO.load(layout.best().toString(), spark.sparkContext().hadoopConfiguration());
        assertFalse(best.topK(List.of(List.of("Mr", "John", "sees")), 1, 1, true).isEmpty());
        assertTrue(Files.exists(tmp.resolve("run-two/summary.json")));
        assertManifestMatchesItsSchema(layout);
        assertTrue(String.join("\n", log).contains("mean@top"), "the final table is printed");

        // Same command, more iterations: resumes after iteration 2 without redoing anything.
        List<String> log2 = new ArrayList<>();
        RunManifest m3 = new GrootTrainJob(spark, SparkTestData.config(data, run, 3, false), log2::add).run();
        assertTrue(String.join("\n", log2).contains("resuming run " + m.runId() + " after committed iteration 2"));
        assertEquals(3, m3.lastIteration());
        assertEquals(m.iteration(2).modelSha256(), m3.iteration(2).modelSha256());
    }

    /** The stored manifest JSON has exactly the fields of data-schemas/run_manifest.avsc. */
    private static void assertManifestMatchesItsSchema(RunLayout layout) throws Exception {
        FileSystem fs = layout.root().getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path newest = List.of(fs.listStatus(layout.manifests())).stream().map(s -> s.getPath())
                .max(Comparator.comparing(Path::getName)).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode stored;
        try (var in = fs.open(newest)) {
            stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser()
                .parse(Files.readString(java.nio.file.Path.of("..", "data-schemas", "run_manifest.avsc")));
        assertTrue(stored.get("sha256").asText().matches("[0-9a-f]{64}"));
        com.fasterxml.jackson.databind.JsonNode manifest = stored.get("manifest");
        assertEquals(fieldNames(schema), names(manifest));
        org.apache.avro.Schema iteration = schema.getField("iterations").schema().getElementType();
        for (com.fasterxml.jackson.databind.JsonNode it : manifest.get("iterations")) {
            assertEquals(fieldNames(iteration), names(it));
        }
    }

    private static List<String> fieldNames(org.apache.avro.Schema record) {
        return record.getFields().stream().map(org.apache.avro.Schema.Field::name).toList();
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The stored weights are the objective applied to the stored rewards and model scores, computed
     * here independently of the objective classes (q, p softmaxes; pairwise hinge counts), with
     * lambda added on the gold candidate.
     */
    @Test
    void storedWeightsAreTheObjectiveOfStoredRewardsAndScores() {
        double tauR = 0.5;
        double tauS = 1.0;
        double lambda = 0.5;
        for (String objective : List.of("kl", "pairwise:margin=0.2")) {
            String run = tmp.resolve("run-weights-" + objective.replace(':', '-')).toString();
            new GrootTrainJob(spark, SparkTestData.config(data, run, 1, true, objective), s -> { }).run();
            Map<String, Example> golds = new TreeMap<>();
            ExampleData.split(ExampleData.read(spark, data), "train", 0, 0).collect().forEach(e -> golds.put(e.id(), e));
            Map<String, List<Row>> sets = new TreeMap<>();
            for (Row r : spark.read().parquet(new RunLayout(run).candidates(1).toString()).orderBy("example_id", "rank")
                    .collectAsList()) {
                sets.computeIfAbsent(r.getAs("example_id"), k -> new ArrayList<>()).add(r);
            }
            assertEquals(golds.keySet(), sets.keySet());
            int checked = 0;
            for (Map.Entry<String, List<Row>> e : sets.entrySet()) {
                List<Row> set = e.getValue();
                int n = set.size();
                double[] r = new double[n];
                double[] s = new double[n];
                int gold = -1;
                for (int i = 0; i < n; i++) {
                    r[i] = set.get(i).getAs("reward");
                    s[i] = set.get(i).getAs("log_prob");
                    if (set.get(i).getList(set.get(i).fieldIndex("tags")).equals(golds.get(e.getKey()).tags())) {
                        gold = i;
                    }
                }
                assertTrue(gold >= 0, "gold among the candidates of " + e.getKey());
                double[] expected = objective.equals("kl") ? kl(r, s, tauR, tauS) : pairwise(r, s, 0.2);
                expected[gold] += lambda;
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], set.get(i).<Double>getAs("weight"), 1e-9,
                            objective + " " + e.getKey() + " rank " + i);
                    checked++;
                }
            }
            assertTrue(checked > golds.size(), objective + ": more than one candidate per sentence");
        }
    }

    private static double[] kl(double[] r, double[] s, double tauR, double tauS) {
        double zq = 0;
        double zp = 0;
        for (int i = 0; i < r.length; i++) {
            zq += Math.exp(r[i] / tauR);
            zp += Math.exp(s[i] / tauS);
        }
        double[] w = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            w[i] = (Math.exp(r[i] / tauR) / zq - Math.exp(s[i] / tauS) / zp) / tauS;
        }
        return w;
    }

    /** +1 / -1 for every pair (better, worse) whose margin hinge max(0, s_w - s_b + m (rank_w - rank_b)) is active. */
    private static double[] pairwise(double[] r, double[] s, double margin) {
        int n = r.length;
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = 1;
            for (double other : r) {
                rank[i] += other > r[i] ? 1 : 0;
            }
        }
        double[] w = new double[n];
        for (int b = 0; b < n; b++) {
            for (int v = 0; v < n; v++) {
                if (r[b] > r[v] && s[v] - s[b] + margin * (rank[v] - rank[b]) > 0) {
                    w[b] += 1;
                    w[v] -= 1;
                }
            }
        }
        return w;
    }

    /**
     * The same seeded command on the same data and master gives the same candidates and metrics,
     * bit for bit, with the update in the driver JVM (local updater).
     */
    @Test
    void aSeededRunIsReproducible() {
        assertRunsEqual("run-repro-local", true);
    }

    /**
     * The same, with the warm start and every update through DL4J's parameter-averaging trainer
     * (local[2], 2 workers): worker generators are seeded per round and partition, rows are dealt
     * to workers by a seeded hash and averaged results are merged in a fixed order.
     */
    @Test
    void aSeededRunThroughTheSparkTrainerIsReproducible() {
        assertRunsEqual("run-repro-spark", false);
    }

    private void assertRunsEqual(String prefix, boolean localUpdater) {
        List<List<Row>> candidates = new ArrayList<>();
        List<Map<String, Double>> metrics = new ArrayList<>();
        for (String name : List.of(prefix + "-a", prefix + "-b")) {
            String run = tmp.resolve(name).toString();
            RunManifest m = new GrootTrainJob(spark, SparkTestData.config(data, run, 2, localUpdater), s -> { }).run();
            List<Row> rows = new ArrayList<>();
            for (int t = 1; t <= 2; t++) {
                rows.addAll(spark.read().parquet(new RunLayout(run).candidates(t).toString()).drop("run_id")
                        .orderBy("iteration", "example_id", "rank").collectAsList());
            }
            candidates.add(rows);
            Map<String, Double> all = new TreeMap<>();
            m.iterations().forEach(r -> r.devMetrics().forEach((k, v) -> all.put(r.iteration() + "/" + k, v)));
            metrics.add(all);
        }
        assertFalse(candidates.get(0).isEmpty(), "the runs stored candidates");
        assertEquals(candidates.get(0), candidates.get(1));
        assertEquals(metrics.get(0), metrics.get(1));
    }

    /** Counting on the executors gives the tables of the local build (same symbols, same indices). */
    @Test
    void vocabulariesCountedOnTheExecutorsEqualTheLocalBuild() {
        JavaRDD<Example> train = ExampleData.split(ExampleData.read(spark, data), "train", 0, 0).repartition(3);
        List<String> taskTags = List.of("B-LOC", "B-PER", "I-LOC", "I-PER", "O", "B-ZZZ");
        for (int minCount : List.of(1, 2)) {
            dev.groot.model.tagger.TaggerConfig c = SparkTestData.smallTagger();
            dev.groot.model.tagger.TaggerConfig config = new dev.groot.model.tagger.TaggerConfig(c.wordEmbedding(),
                    c.shapeEmbedding(), c.suffixEmbedding(), c.tagEmbedding(), c.encoderSize(), c.decoderSize(),
                    c.dropout(), minCount, c.suffixLength(), c.seed(), c.updater(), c.learningRate(), c.l2(),
                    c.gradientClip());
            dev.groot.model.tagger.Vocabularies local = dev.groot.model.tagger.Vocabularies.build(train.collect(), config)
                    .withTaskTags(taskTags);
            dev.groot.model.tagger.Vocabularies distributed = DistributedVocabularies.build(train, taskTags, config);
            assertEquals(local.words(), distributed.words(), "words, min count " + minCount);
            assertEquals(local.shapes(), distributed.shapes());
            assertEquals(local.suffixes(), distributed.suffixes(), "suffixes, min count " + minCount);
            assertEquals(local.tags(), distributed.tags());
        }
    }

    @Test
    void anInterruptedIterationIsRedoneWithoutDuplicates() throws Exception {
        String run = tmp.resolve("run-interrupted").toString();
        new GrootTrainJob(spark, SparkTestData.config(data, run, 1, true), s -> { }).run();
        RunLayout layout = new RunLayout(run);
        long before = spark.read().parquet(layout.candidates(1).toString()).count();
        // Simulate a driver killed after the candidates were stored but before the commit:
        // drop the newest manifest (iteration 1's commit) and leave a stray temporary write behind.
        FileSystem fs = layout.root().getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path newest = List.of(fs.listStatus(layout.manifests())).stream().map(s -> s.getPath())
                .max(Comparator.comparing(Path::getName)).orElseThrow();
        fs.delete(newest, false);
        fs.mkdirs(new Path(layout.iteration(1), "._tmp-candidates"));
        assertEquals(0, RunManifests.latest(layout, spark.sparkContext().hadoopConfiguration()).orElseThrow()
                .lastIteration());

        RunManifest resumed = new GrootTrainJob(spark, SparkTestData.config(data, run, 1, true), s -> { }).run();
        assertEquals(1, resumed.lastIteration());
        Dataset<Row> cands = spark.read().parquet(layout.candidates(1).toString());
        assertEquals(before, cands.count());
        assertEquals(before, cands.select("example_id", "rank").distinct().count());
    }

    @Test
    void candidatesAndWeightsDoNotDependOnPartitioning() throws Exception {
        String run = tmp.resolve("run-nll").toString();
        new GrootTrainJob(spark, SparkTestData.config(data, run, 0, true), s -> { }).run();
        TaggerModel model = ModelIO.load(new RunLayout(run).model(0).toString(),
                spark.sparkContext().hadoopConfiguration());
        JavaRDD<Example> train = ExampleData.split(ExampleData.read(spark, data), "train", 0, 0);
        Map<String, Candidate> one = generate(model, train.coalesce(1), 64);
        Map<String, Candidate> three = generate(model, train.repartition(3), 7);
        assertEquals(one.keySet(), three.keySet());
        for (String key : one.keySet()) {
            Candidate a = one.get(key);
            Candidate b = three.get(key);
            assertEquals(a.tags(), b.tags(), key);
            assertEquals(a.origin(), b.origin(), key);
            assertEquals(a.logProb(), b.logProb(), 1e-4, key);
            assertEquals(a.reward(), b.reward(), 0.0, key);
            assertEquals(a.weight(), b.weight(), 1e-4, key);
        }
    }

    private static Map<String, Candidate> generate(TaggerModel model, JavaRDD<Example> train, int batch) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ExecutorModels.Handle handle = ExecutorModels.broadcast(jsc, "test-" + batch, model);
        StepSettings gs = new StepSettings(3, 4, true, 13L, 1, batch);
        GrootMethod method = new GrootMethod(Rewards.parse("span-fbeta:beta=1"), new RandomSubsetCorrector(2, false),
                new KlObjective(0.5, 1.0, 0.5));
        List<Candidate> all = train.mapPartitions(it -> new GrootStep(handle.get(), gs, method).apply(it)).collect();
        handle.destroy();
        Map<String, Candidate> byKey = new TreeMap<>();
        for (Candidate c : all) {
            byKey.put(c.exampleId() + "#" + c.rank(), c);
        }
        return byKey;
    }
}

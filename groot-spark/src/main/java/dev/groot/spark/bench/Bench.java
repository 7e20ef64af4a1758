package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One {@code groot bench} run: builds the inputs and the reference model (untrained weights: only
 * throughput is measured), then generation, training and GROOT-iteration benchmarks in turn, and
 * returns every figure as one flat-ish map (the JSON document).
 */
public final class Bench {

    private final SparkSession spark;
    private final BenchSettings s;
    private final Consumer<String> progress;

    public Bench(SparkSession spark, BenchSettings settings, Consumer<String> progress) {
        this.spark = spark;
        this.s = settings;
        this.progress = progress;
    }

    public Map<String, Object> run() {
        long t0 = System.nanoTime();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("started_at", Instant.now().toString());
        f.put("mode", s.quick() ? "quick" : "full");
        f.put("load_average_start", MachineInfo.loadAverage());
        f.put("machine", MachineInfo.describe());
        f.put("spark_master", spark.sparkContext().master());

        BenchData data = s.data() != null
                ? BenchData.load(spark, s.data(), s.poolSentences(), 0, s.master().seed())
                : BenchData.synthetic(s.posShape(), s.poolSentences() > 0 ? s.poolSentences()
                        : (int) BenchData.BROWN_TRAIN_SENTENCES, s.devSentences(), s.master().seed());
        progress.accept(String.format("data: %s, %,d train sentences (%,d tokens) loaded", data.source(),
                data.train().size(), BenchData.tokens(data.train())));
        Vocabularies vocab = Vocabularies.build(data.train(), s.tagger());
        TaggerModel model = TaggerModel.create(s.tagger(), vocab, ModelManifest.create(s.tagger(),
                ModelManifest.hashExamples(data.train()), Map.of("purpose", "bench")));
        f.put("data", data.source());
        f.put("model", Map.of("config", s.tagger().toString(), "vocabulary", vocab.summary(),
                "parameters", model.networkCopy().numParams()));
        progress.accept("model: " + model);

        progress.accept(String.format("1/3 generation: beam %d, %d threads, %d sentences (production and naive"
                + " baseline compared on the first %d, windows >= %.0f s)", s.beam(), s.threads(),
                s.generationSentences(), s.naiveSentences(), generationWindowSeconds()));
        List<List<String>> gen = sentences(data.trainHead(s.generationSentences()));
        List<List<String>> naive = sentences(data.trainHead(s.naiveSentences()));
        f.putAll(new GenerationBench(s.threads(), s.k(), s.beam(), s.decodeBatch(), generationWindowSeconds())
                .run(model, gen, naive));
        progress.accept(String.format("  production %.0f tok/s, naive %.0f tok/s",
                (Double) f.get("generation_tokens_per_s"), (Double) f.get("generation_naive_tokens_per_s")));

        progress.accept(String.format("2/3 training: %d sentences, local vs Spark %s", s.trainingSentences(),
                spark.sparkContext().master()));
        List<WeightedSequence> rows = new ArrayList<>();
        for (Example e : data.trainHead(s.trainingSentences())) {
            rows.add(new WeightedSequence(e.tokens(), e.tags(), 1.0));
        }
        f.putAll(new TrainingBench(JavaSparkContext.fromSparkContext(spark.sparkContext()), s.master()).run(model, rows));
        progress.accept(String.format("  local %.0f tok/s, Spark %.0f tok/s",
                (Double) f.get("training_local_tokens_per_s"), (Double) f.get("training_spark_tokens_per_s")));

        progress.accept("update: standard DL4J graph vs sentence-grouped graph on the same candidate rows, one thread");
        UpdateBench update = new UpdateBench(s.quick() ? 5 : 20, s.master().seed());
        f.putAll(update.run(s.tagger(), vocab, update.candidates(vocab, data.train(), s.quick() ? 100 : 400)));
        progress.accept(String.format("  grouped %.0f vs graph %.0f sentence-tokens/s: %.2fx",
                (Double) f.get("update_grouped_sentence_tokens_per_s"), (Double) f.get("update_graph_sentence_tokens_per_s"),
                (Double) f.get("update_speedup_vs_graph")));

        progress.accept(String.format("3/3 GROOT iteration(s): %d x (K=%d, J=%d, 1 update epoch) on %d train / %d dev sentences",
                s.iterations(), s.k(), s.corrections(), s.iterationSentences(), s.devSentences()));
        Path work = tempDir();
        try {
            List<Example> dev = data.dev().subList(0, Math.min(s.devSentences(), data.dev().size()));
            f.putAll(new IterationBench(spark, s.iterations(), s.k(), s.beam(), s.corrections(), s.decodeBatch(),
                    s.master(), progress).run(model, data.trainHead(s.iterationSentences()), dev, data, work));
        } finally {
            delete(work);
        }
        f.put("load_average_end", MachineInfo.loadAverage());
        f.put("bench_seconds", (System.nanoTime() - t0) / 1e9);
        return f;
    }

    /** Timed generation windows: 20 s for recorded figures (load noise), short in quick mode. */
    private double generationWindowSeconds() {
        return s.quick() ? 2.0 : 20.0;
    }

    private static List<List<String>> sentences(List<Example> examples) {
        List<List<String>> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(e.tokens());
        }
        return out;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("groot-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover temporary files are not worth failing a finished benchmark for.
        }
    }
}

package dev.groot.spark.cli;

import dev.groot.model.decode.StepDecoder;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.bench.Bench;
import dev.groot.spark.bench.BenchReport;
import dev.groot.spark.bench.BenchSettings;
import dev.groot.spark.train.TrainingMasterSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code groot bench}: generation, training and GROOT-iteration throughput plus memory, as a table and JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure beam-8 generation (vs a naive rnnTimeStep baseline), Spark vs single-JVM training, "
                + "a full GROOT iteration with per-stage seconds, and heap/off-heap memory. Default master: local[2].")
public final class BenchCommand implements Callable<Integer> {

    static final String DEFAULT_MASTER = "local[2]";

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;

    @Option(names = "--quick", description = "Small sizes, 2 GROOT iterations (memory growth check); under 2 minutes.")
    boolean quick;
    @Option(names = "--data", paramLabel = "EXAMPLES", description = "Ingested examples (`groot ingest` output); default: a Brown-shaped synthetic corpus.")
    String data;
    @Option(names = "--output", paramLabel = "FILE.json", description = "Write every figure as JSON here.")
    Path output;
    @Option(names = "--shape", defaultValue = "title", description = "Synthetic corpus tag set: title (3 BIO tags) or pos (~200 tags). Default: ${DEFAULT-VALUE}.")
    String shape;
    @Option(names = "--tiny-model", description = "A tiny tagger instead of TaggerConfig.defaults() (tests only).")
    boolean tinyModel;
    @Option(names = "--pool", description = "Train sentences loaded or generated; the vocabulary is built from them (0 = all). Default: 0, quick 6000.")
    Integer pool;
    @Option(names = "--gen-sentences", description = "Sentences for the production beam search. Default: 3000, quick 400.")
    Integer genSentences;
    @Option(names = "--naive-sentences", description = "Sentences (the first of the generation set) that production and the naive baseline both decode for the speedup. Default: 400, quick 16.")
    Integer naiveSentences;
    @Option(names = "--train-sentences", description = "Rows of the training comparison (timing windows >= 20 s). Default: 5000, quick 400.")
    Integer trainSentences;
    @Option(names = "--iteration-sentences", description = "Train sentences of the GROOT iteration(s); extrapolated to the full split. Default: 300, quick 60.")
    Integer iterationSentences;
    @Option(names = "--dev-sentences", description = "Dev sentences of the GROOT iteration(s). Default: 150, quick 40.")
    Integer devSentences;
    @Option(names = "--iterations", description = "GROOT iterations. Default: 1, quick 2.")
    Integer iterations;
    @Option(names = "--threads", defaultValue = "2", description = "Decoding task slots. Default: ${DEFAULT-VALUE}.")
    int threads;
    @Option(names = "--decode-batch", defaultValue = "" + StepDecoder.DEFAULT_DECODE_BATCH,
            description = "Sentences per batched beam search. Default: ${DEFAULT-VALUE}.")
    int decodeBatch;
    @Option(names = "--workers", description = "Spark training workers (default: Spark's default parallelism).")
    Integer workers;
    @Option(names = "--batch", defaultValue = "" + TrainingMasterSettings.DEFAULT_BATCH_PER_WORKER, description = "Training minibatch per worker. Default: ${DEFAULT-VALUE}.")
    int batch;
    @Option(names = "--averaging-frequency", defaultValue = "" + TrainingMasterSettings.DEFAULT_AVERAGING_FREQUENCY, description = "Minibatches between parameter averagings. Default: ${DEFAULT-VALUE}.")
    int averagingFrequency;
    @Option(names = "--prefetch", defaultValue = "2", description = "Minibatches prefetched per worker. Default: ${DEFAULT-VALUE}.")
    int prefetch;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sentence choice (or synthetic corpus), the model and the trainers. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        if (!"title".equals(shape) && !"pos".equals(shape)) {
            throw new IllegalArgumentException("--shape must be title or pos, got " + shape);
        }
        if (spark.master == null && System.getProperty("spark.master") == null) {
            spark.master = DEFAULT_MASTER;
        }
        TaggerConfig tagger = tinyModel ? TaggerConfig.tiny(seed) : TaggerConfig.defaults().withSeed(seed);
        BenchSettings settings = new BenchSettings(quick, data, "pos".equals(shape), tagger,
                or(pool, 0, 6000), or(genSentences, 3000, 400), or(naiveSentences, 400, 16),
                or(trainSentences, 5000, 400), or(iterationSentences, 300, 60), or(devSentences, 150, 40),
                or(iterations, 1, 2), threads, 8, 8, 2, decodeBatch,
                new TrainingMasterSettings(workers, batch, averagingFrequency, prefetch, "export", null, seed));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> figures = new Bench(spark.session("groot-bench"), settings, line -> {
            out.println(line);
            out.flush();
        }).run();
        BenchReport.printTable(figures, out);
        if (output != null) {
            BenchReport.writeJson(figures, output);
            out.println("figures written to " + output);
        }
        out.flush();
        return 0;
    }

    private int or(Integer value, int full, int quickValue) {
        return value != null ? value : quick ? quickValue : full;
    }
}

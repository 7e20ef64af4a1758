package dev.groot.spark.cli;

import dev.groot.spark.job.PredictJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code groot predict}: top-K predictions as Parquet or CoNLL. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Top-K tag sequences for every sentence of a split.")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Mixin
    DecodeMixin decode;
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file, e.g. RUN_DIR/best.")
    String model;
    @Option(names = "--data", required = true, paramLabel = "EXAMPLES", description = "Example Parquet written by `groot ingest` (gold tags are ignored).")
    String data;
    @Option(names = "--split", defaultValue = "test", description = "Split to predict. Default: ${DEFAULT-VALUE}.")
    String split;
    @Option(names = "--k", defaultValue = "1", description = "Tag sequences per sentence (CoNLL: one tag column per rank, `_` where a sentence has fewer). Default: ${DEFAULT-VALUE}.")
    int k;
    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: k).")
    int beam;
    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output: a Parquet directory or a CoNLL file (any Hadoop path), committed atomically.")
    String output;
    @Option(names = "--format", defaultValue = "parquet", description = "parquet (one row per sentence and rank) or conll (token, then one tag column per rank; corpus order). Default: ${DEFAULT-VALUE}.")
    String format;
    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;
    @Option(names = "--no-bio-constraint", description = "Let beam search emit invalid BIO transitions.")
    boolean noBioConstraint;

    @Override
    public Integer call() {
        long n = PredictJob.run(spark.session("groot-predict"), model, data, split, k, Math.max(k, beam),
                !noBioConstraint, output, format, overwrite, decode.options());
        spec.commandLine().getOut().printf("predicted %,d sentences (top-%d, decoding %s) -> %s (%s)%n", n, k,
                decode.decode, output, format);
        return 0;
    }
}

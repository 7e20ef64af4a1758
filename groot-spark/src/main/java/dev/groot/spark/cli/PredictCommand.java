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
    @Option(names = "--model", required = true, paramLabel = "MODEL")
    String model;
    @Option(names = "--data", required = true, paramLabel = "EXAMPLES")
    String data;
    @Option(names = "--split", defaultValue = "test")
    String split;
    @Option(names = "--k", defaultValue = "1")
    int k;
    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: k).")
    int beam;
    @Option(names = "--output", required = true, paramLabel = "PATH")
    String output;
    @Option(names = "--format", defaultValue = "parquet", description = "parquet or conll.")
    String format;
    @Option(names = "--overwrite")
    boolean overwrite;
    @Option(names = "--no-bio-constraint")
    boolean noBioConstraint;

    @Override
    public Integer call() {
        long n = PredictJob.run(spark.session("groot-predict"), model, data, split, k, Math.max(k, beam),
                !noBioConstraint, output, format, overwrite);
        spec.commandLine().getOut().printf("predicted %,d sentences (top-%d) -> %s (%s)%n", n, k, output, format);
        return 0;
    }
}

package dev.groot.spark.cli;

import dev.groot.spark.job.EvaluateJob;
import dev.groot.spark.job.InspectJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code groot evaluate}: metrics of a model on one split, decoded on the executors. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model: token accuracy, exact match, span P/R/F1 and top-K figures, the calibration of "
                + "its top-K distribution, as JSON; top-1 by MAP or MBR decoding (--decode).")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Mixin
    DecodeMixin decode;
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file, e.g. RUN_DIR/best.")
    String model;
    @Option(names = "--data", required = true, paramLabel = "EXAMPLES", description = "Example Parquet written by `groot ingest`.")
    String data;
    @Option(names = "--split", defaultValue = "dev", description = "Split to evaluate (train, dev, test, ...). Default: ${DEFAULT-VALUE}.")
    String split;
    @Option(names = "--k", defaultValue = "5", description = "Candidates per sentence for the top-K figures. Default: ${DEFAULT-VALUE}.")
    int k;
    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: k).")
    int beam;
    @Option(names = "--reward", defaultValue = "span-fbeta:beta=1", split = ";",
            description = "Reward(s) for the top-K figures, ';'-separated; the first one drives `topk`.")
    List<String> rewards = new ArrayList<>();
    @Option(names = "--no-bio-constraint", description = "Let beam search emit invalid BIO transitions.")
    boolean noBioConstraint;
    @Option(names = "--output", paramLabel = "FILE.json", description = "Also write the JSON here (any Hadoop path).")
    String output;

    @Override
    public Integer call() {
        Map<String, Object> json = EvaluateJob.run(spark.session("groot-evaluate"), model, data, split, k,
                Math.max(beam, k), rewards, !noBioConstraint, output, decode.options());
        spec.commandLine().getOut().println(InspectJob.toJson(json));
        return 0;
    }
}

package dev.groot.spark.cli;

import dev.groot.spark.job.DecodeOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** --decode, --mbr-reward and --mbr-temperature of predict, evaluate and compare. */
public final class DecodeMixin {

    @Option(names = "--decode", defaultValue = "map", paramLabel = "map|mbr",
            description = "How the answer is picked from the top-K: map = the most likely candidate (default), mbr = the "
                    + "candidate with the highest expected reward under the model's top-K distribution (minimum Bayes "
                    + "risk); compare also takes both. Default: ${DEFAULT-VALUE}.")
    String decode;
    @Option(names = "--mbr-reward", split = ";", paramLabel = "SPEC",
            description = "Reward MBR maximises in expectation, e.g. span-fbeta:beta=0.5 (default: the run's reward for "
                    + "compare, the first --reward for evaluate, span-fbeta:beta=1 for predict); compare takes several, "
                    + "';'-separated.")
    List<String> mbrRewards = new ArrayList<>();
    @Option(names = "--mbr-temperature", defaultValue = "1", paramLabel = "T",
            description = "MBR distribution p = softmax(log-probability / T) over the top-K; T > 1 flattens it. "
                    + "Default: ${DEFAULT-VALUE}.")
    double temperature;

    DecodeOptions options() {
        return new DecodeOptions(decode, mbrRewards, temperature);
    }
}

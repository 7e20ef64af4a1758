package dev.groot.spark.cli;

import dev.groot.spark.job.CompareJob;
import dev.groot.spark.job.CompareScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code groot compare}: GROOT's best model vs the NLL model it started from, with bootstrap CIs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a run's best model with its NLL model (iteration 0) on dev and test: top-1 reward, "
                + "reward by rank, mean top-k, oracle@k, paired bootstrap 95%% intervals of the gains; with --decode both, "
                + "MAP vs MBR top-1 of both models per --mbr-reward and their calibration; with --control-run, the same "
                + "gains against a control run.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Mixin
    DecodeMixin decode;
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "Run directory of `groot train`.")
    String run;
    @Option(names = "--data", required = true, paramLabel = "EXAMPLES", description = "Example Parquet the run was trained on (its dev and test splits are decoded).")
    String data;
    @Option(names = "--task", defaultValue = "unknown", description = "Task name recorded in the JSON, e.g. brown-title.")
    String task;
    @Option(names = "--k", defaultValue = "5", description = "Candidates per sentence for mean top-k and oracle@k. Default: ${DEFAULT-VALUE}.")
    int k;
    @Option(names = "--beam", defaultValue = "0", description = "Beam width (default: k).")
    int beam;
    @Option(names = "--resamples", defaultValue = "1000", description = "Paired bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int resamples;
    @Option(names = "--iteration", paramLabel = "N", description = "Compare this committed iteration with iteration 0 (default: the run's best on dev).")
    Integer iteration;
    @Option(names = "--control-run", paramLabel = "RUN_DIR", description = "A control run (--objective nll) trained from "
            + "the same starting model on the same data: adds gains_vs_control, GROOT's iteration minus the control's "
            + "best iteration on dev (each run chosen by its own best dev reward), and the control's figures.")
    String controlRun;
    @Option(names = "--output", paramLabel = "FILE.json", description = "Also write the JSON here (any Hadoop path).")
    String output;
    @Option(names = "--splits", split = ",", defaultValue = "dev,test", paramLabel = "SPLIT[,SPLIT]",
            description = "Splits to decode: dev,test (default) or dev alone, which compares a configuration the "
                    + "protocol has not selected while leaving test undecoded.")
    List<String> splits;
    @Option(names = "--control-iteration", paramLabel = "N", description = "Compare the control's iteration N "
            + "(default: its best on dev); with --iteration N too, both after the same update passes.")
    Integer controlIteration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CompareJob.run(spark.session("groot-compare"), run, controlRun, data, task, k, Math.max(k, beam), resamples, iteration, output, line -> {
            out.println(line);
            out.flush();
        }, decode.options(), new CompareScope(splits, controlIteration));
        return 0;
    }
}

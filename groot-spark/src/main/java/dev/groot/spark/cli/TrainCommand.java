package dev.groot.spark.cli;

import dev.groot.spark.job.GrootTrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code groot train}: NLL warm start (iteration 0) and GROOT iterations into RUN_DIR; reruns resume. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a tagger: NLL warm start, then GROOT iterations (generate, correct, score, store, "
                + "update through DL4J parameter averaging, evaluate, checkpoint). Rerunning resumes.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Mixin
    GrootOptions groot;

    @Option(names = "--data", required = true, paramLabel = "EXAMPLES", description = "Example Parquet written by `groot ingest`.")
    String data;
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "Run directory (any Hadoop path).")
    String run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        new GrootTrainJob(spark.session("groot-train"), groot.config(data, run), line -> {
            out.println(line);
            out.flush();
        }).run();
        out.println("RUN_DIR/best: " + run + "/best");
        return 0;
    }
}

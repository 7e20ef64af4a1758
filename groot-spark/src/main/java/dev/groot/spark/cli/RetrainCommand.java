package dev.groot.spark.cli;

import dev.groot.spark.job.RetrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code groot retrain}: scheduled retraining with an atomic, guarded promotion. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = "Retrain on a new snapshot warm-started from production; promote only if the dev reward "
                + "is at least production's. One retrain per HOME at a time.")
public final class RetrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Mixin
    GrootOptions groot;
    @Option(names = "--home", required = true, paramLabel = "HOME", description = "Retraining home (production pointer, models, runs, history).")
    String home;
    @Option(names = "--data", required = true, paramLabel = "EXAMPLES", description = "The new corpus snapshot (ingested).")
    String data;
    @Option(names = "--keep", defaultValue = "5", description = "Promoted models to keep. Default: ${DEFAULT-VALUE}.")
    int keep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RetrainJob.Outcome o = RetrainJob.run(spark.session("groot-retrain"), home, groot.config(data, home + "/runs/x"),
                keep, line -> {
                    out.println(line);
                    out.flush();
                });
        out.println("production model: " + o.productionModel());
        return 0;
    }
}

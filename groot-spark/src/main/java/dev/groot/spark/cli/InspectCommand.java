package dev.groot.spark.cli;

import dev.groot.spark.job.InspectJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code groot inspect}: what a run stored, per iteration. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Per iteration: candidate rows, distinct (example, rank) keys, origin mix and dev metrics.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "Run directory of `groot train`.")
    String run;
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> inspected = InspectJob.inspect(spark.session("groot-inspect"), run);
        spec.commandLine().getOut().println(json ? InspectJob.toJson(inspected) : InspectJob.toTable(inspected));
        return 0;
    }
}

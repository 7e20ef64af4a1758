package dev.groot.spark.cli;

import dev.groot.spark.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code groot report}: a run as one self-contained HTML file (charts embedded, readable offline). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML report of a run: dev metrics per iteration, top-K curves "
                + "(iteration 0 vs the best), candidate origin mix, time per stage.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SparkOptions spark;
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "The run directory (local or HDFS).")
    String run;
    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The HTML file to write (replaced if present).")
    String output;

    @Override
    public Integer call() {
        RunReport.Written w = RunReport.write(spark.session("groot-report"), run, output);
        spec.commandLine().getOut().printf("report written: %s (%d iterations, best %d, %d charts, %d bytes)%n",
                w.output(), w.iterations(), w.bestIteration(), w.charts(), w.bytes());
        return 0;
    }
}

package dev.groot.spark.cli;

import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.spark.job.IngestJob;
import dev.groot.spark.job.IngestOptions;
import dev.groot.spark.job.IngestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code groot demo}: the main pipeline on the bundled sample with an embedded local Spark. For
 * now: ingest of data/sample/brown (brown-title) and its summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on the bundled Brown sample (local Spark, a few minutes on 2 cores).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The groot checkout holding data/sample (default: -Dgroot.home, else the current directory).")
    Path home;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the demo writes (default: <home>/runs/demo).")
    String output;

    @Override
    public Integer call() throws Exception {
        Path root = home != null ? home : Path.of(System.getProperty("groot.home", "."));
        Path sample = root.resolve("data/sample/brown").toAbsolutePath().normalize();
        if (!Files.isDirectory(sample)) {
            throw new IllegalStateException("bundled sample not found at " + sample
                    + " (run from the groot checkout, or pass --home)");
        }
        String out = output != null ? output : root.resolve("runs/demo").toAbsolutePath().normalize().toString();
        PrintWriter w = spec.commandLine().getOut();
        w.println("== 1/1 ingest " + sample + " (brown-title)");
        w.flush();
        IngestOptions o = IngestOptions.of(InputFormat.BROWN, sample.toUri().toString(), out + "/ingest")
                .withTask(BrownTask.TITLE).withOverwrite(true);
        IngestResult r = IngestJob.run(spark.session("groot-demo"), o);
        IngestCommand.print(w, r);
        // Later stages (NLL warm start, GROOT iterations, report) are appended here by their issues.
        w.println("demo finished; outputs under " + out);
        w.flush();
        return 0;
    }
}

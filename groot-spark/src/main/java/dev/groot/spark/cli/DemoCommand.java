package dev.groot.spark.cli;

import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.job.CandidateConfig;
import dev.groot.spark.job.GrootRunConfig;
import dev.groot.spark.job.ObjectiveConfig;
import dev.groot.spark.job.ScheduleConfig;
import dev.groot.spark.job.GrootTrainJob;
import dev.groot.spark.job.InspectJob;
import dev.groot.spark.job.IngestJob;
import dev.groot.spark.report.RunReport;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.SmallFiles;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.sql.SparkSession;
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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code groot demo}: the main pipeline on the bundled sample with an embedded local Spark. For
 * ingest of data/sample/brown (brown-title), the NLL warm start, GROOT iterations through DL4J's
 * parameter-averaging trainer on local Spark, and what the run stored.
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

    @Option(names = "--iterations", defaultValue = "2", description = "GROOT iterations after the NLL warm start. Default: ${DEFAULT-VALUE}.")
    int iterations;

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
        SparkSession session = spark.session("groot-demo");

        w.println("== 1/4 ingest " + sample + " (brown-title)");
        w.flush();
        IngestOptions o = IngestOptions.of(InputFormat.BROWN, sample.toUri().toString(), out + "/ingest")
                .withTask(BrownTask.TITLE).withOverwrite(true);
        IngestResult r = IngestJob.run(session, o);
        IngestCommand.printSummaryLine(w, r);

        w.println("== 2/4 train: NLL warm start + " + iterations + " GROOT iterations (span F1 reward, "
                + "DL4J parameter averaging on local Spark)");
        w.flush();
        String run = out + "/run";
        SmallFiles.deleteRecursively(new org.apache.hadoop.fs.Path(run), session.sparkContext().hadoopConfiguration());
        RunManifest m = new GrootTrainJob(session, demoConfig(out + "/ingest", run), line -> {
            w.println(line);
            w.flush();
        }).run();

        w.println("== 3/4 what the run stored (groot inspect --run " + run + ")");
        w.println(InspectJob.toTable(InspectJob.inspect(session, run)));
        String report = out + "/report.html";
        w.println("== 4/4 report (groot report --run " + run + " --output " + report + ")");
        RunReport.write(session, run, report);
        w.println("demo finished: best iteration " + m.bestIteration() + "; outputs under " + out
                + " (model: " + run + "/best, report: " + report + ")");
        w.flush();
        return 0;
    }

    /** Sizes for a 98-sentence sample: a few minutes on 2 cores. */
    GrootRunConfig demoConfig(String data, String run) {
        // 98 training sentences: small layers, a high learning rate and many short epochs.
        TaggerConfig tagger = new TaggerConfig(48, 8, 16, 16, 48, 48, 0.1, 1, 3, 42L, "adam", 1e-2, 1e-5, 5.0);
        return new GrootRunConfig(data, run, null, 42L, new CandidateConfig(4, 4, 2, CorrectionUnit.AUTO, true, 128),
                new ObjectiveConfig("span-fbeta:beta=1", List.of("span-fbeta:beta=0.5", "token-accuracy", "exact-match"),
                        "kl", 0.1, 1.0, 1.0, 0.1),
                new ScheduleConfig(iterations, iterations + 1, 25, 8, 2, 2e-3, GrootRunConfig.DEFAULT_MIN_UPDATE_WEIGHT,
                        0, false),
                tagger, new TrainingMasterSettings(2, 8, 2, 0, "direct", null, 42L));
    }
}

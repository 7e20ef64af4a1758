package dev.groot.spark.report;

import dev.groot.model.eval.Calibration;
import dev.groot.spark.cli.GrootCli;
import dev.groot.spark.job.SparkTestData;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code groot report} on a real finished run, through the CLI as a user calls it. */
@Tag("spark")
class RunReportTest {

    private static final Pattern PNG = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String run;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        run = SparkTestData.sharedRun(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static int cli(StringWriter out, StringWriter err, String... args) {
        return GrootCli.entryPoint(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void reportIsOneSelfContainedHtmlWithEveryChartAndTheRunsNumbers() throws Exception {
        Path output = tmp.resolve("out/report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, cli(out, err, "report", "--run", run, "--output", output.toString()), err.toString());
        String html = Files.readString(output);
        try (var files = Files.list(output.getParent())) {
            assertEquals(List.of("report.html"), files.map(f -> f.getFileName().toString()).toList(),
                    "only the report (no temporary or .crc files) is left in the output folder");
        }

        ReportData data = ReportDataReader.read(spark, run);
        assertEquals("span-fbeta:beta=1.0", data.selectionReward());
        assertEquals(List.of("span-fbeta:beta=1.0", "exact-match", "token-accuracy"), data.topKRewards());
        // dev metrics + one top-K chart per reward + origin mix + calibration + stage times
        int expectedCharts = 1 + data.topKRewards().size() + 1 + 1 + 1;
        assertTrue(out.toString().contains(expectedCharts + " charts"), out.toString());

        List<String> alts = new ArrayList<>();
        Matcher m = PNG.matcher(html);
        while (m.find()) {
            alts.add(m.group(1));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertNotNull(img, "chart '" + m.group(1) + "' is not a decodable PNG");
            assertEquals(ReportCharts.WIDTH, img.getWidth());
            assertEquals(ReportCharts.HEIGHT, img.getHeight());
        }
        assertEquals(expectedCharts, alts.size(), "embedded charts: " + alts);
        assertTrue(alts.contains("Top-K on dev: span-fbeta:beta=1.0"), alts.toString());

        // Self-contained: nothing is fetched when the file is opened offline.
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
        for (String external : List.of("http://", "https://", "<script", "<link", "src=\"/", "url(")) {
            assertFalse(html.contains(external), "report refers to something external: " + external);
        }

        RunManifest manifest = RunManifests.latest(new RunLayout(run), spark.sparkContext().hadoopConfiguration())
                .orElseThrow();
        int best = manifest.bestIteration();
        int compared = best > 0 ? best : manifest.lastIteration();
        for (String title : List.of(HtmlReport.DEV, HtmlReport.TOP_K + compared, HtmlReport.ORIGINS,
                HtmlReport.CALIBRATION, HtmlReport.STAGES, HtmlReport.OPTIONS, manifest.runId())) {
            assertTrue(html.contains(title), "missing '" + title + "'");
        }
        // The numbers: every iteration's dev reward and the stored candidate counts per origin.
        for (IterationRecord r : manifest.iterations()) {
            assertTrue(html.contains("<td>" + String.format(Locale.ROOT, "%.4f", r.devReward()) + "</td>"),
                    "dev reward of iteration " + r.iteration());
        }
        for (int it = 1; it <= manifest.lastIteration(); it++) {
            long beam = spark.read().parquet(new RunLayout(run).candidates(it).toString())
                    .where(col("origin").equalTo("BEAM")).count();
            assertTrue(html.contains("<tr><td>" + it + "</td><td>BEAM</td><td>" + beam + "</td>"),
                    "BEAM candidates of iteration " + it + " = " + beam);
            // ECE recomputed here from the stored beam candidates, sentence by sentence
            Calibration c = new Calibration();
            for (Row r : spark.read().parquet(new RunLayout(run).candidates(it).toString())
                    .where(col("origin").equalTo("BEAM")).groupBy("example_id")
                    .agg(collect_list("log_prob"), collect_list("reward")).collectAsList()) {
                List<Double> lp = r.getList(1);
                List<Double> rw = r.getList(2);
                c.add(lp.stream().mapToDouble(Double::doubleValue).toArray(), rw.stream().mapToDouble(Double::doubleValue).toArray());
            }
            assertEquals(c.expectedCalibrationError(), data.expectedCalibrationError(it), 1e-9);
            assertEquals(beam, c.candidates());
            assertTrue(html.contains("<tr><td>" + it + "</td><td>" + (it - 1) + "</td><td>" + beam + "</td><td>"
                    + String.format(Locale.ROOT, "%.4f", c.expectedCalibrationError()) + "</td></tr>"), "ECE row " + it);
        }
    }

    @Test
    void aDirectoryThatIsNotARunFailsWithAClearMessage() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        Files.writeString(notARun.resolve("readme.txt"), "hello");
        Path output = tmp.resolve("never.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, cli(out, err, "report", "--run", notARun.toString(), "--output", output.toString()));
        assertTrue(err.toString().contains("is not a groot run directory: no valid run manifest under"), err.toString());
        assertTrue(err.toString().contains(notARun.toString()), err.toString());
        assertFalse(Files.exists(output));

        err = new StringWriter();
        assertEquals(1, cli(out, err, "report", "--run", tmp.resolve("missing").toString(), "--output", output.toString()));
        assertTrue(err.toString().contains("no such run directory"), err.toString());
    }
}

package dev.groot.spark.report;

import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;

/**
 * {@code groot report}: reads a run and writes its HTML report in one atomic write through
 * Hadoop FileSystem (local path, HDFS, ...), so a reader never sees half a report.
 */
public final class RunReport {

    private RunReport() {
    }

    /** What was written. */
    public record Written(String output, int charts, long bytes, int iterations, int bestIteration) {
    }

    public static Written write(SparkSession spark, String run, String output) {
        PngCharts.headless();
        ReportData data = ReportDataReader.read(spark, run);
        HtmlReport.Page page = HtmlReport.render(data);
        byte[] bytes = page.html().getBytes(StandardCharsets.UTF_8);
        SmallFiles.writeAtomically(new Path(output), bytes, outputConf(spark));
        return new Written(output, page.charts(), bytes.length, data.iterations().size(), data.bestIteration());
    }

    /** A local report is a file for people: no hidden .crc sibling from Hadoop's checksummed local FS. */
    private static Configuration outputConf(SparkSession spark) {
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}

package dev.groot.spark.job;

import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.spark.SparkTestSession;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.io.ExampleParquet;
import dev.groot.spark.io.OutputExistsException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingest from and to a real HDFS (MiniDFSCluster: a NameNode and a DataNode in this JVM). */
@Tag("cluster")
class HdfsIngestTest {

    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        File base = Files.createTempDirectory("groot-minidfs").toFile();
        Configuration conf = new Configuration();
        conf.set("hdfs.minidfs.basedir", base.getAbsolutePath());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = hdfs.getUri().toString();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void ingestsFromHdfsToHdfs() throws IOException {
        Path in = new Path(root + "/corpora/brown");
        hdfs.mkdirs(in);
        try (var files = Files.list(SparkTestSession.sample("brown"))) {
            for (java.nio.file.Path f : files.toList()) {
                hdfs.copyFromLocalFile(new Path(f.toUri()), new Path(in, f.getFileName().toString()));
            }
        }
        SparkSession spark = SparkTestSession.get();
        String out = root + "/groot/brown-pos";
        IngestResult r = IngestJob.run(spark, IngestOptions.of(InputFormat.BROWN, in.toString(), out).withTask(BrownTask.POS));
        assertEquals(288, r.summary().sentences());
        assertTrue(r.output().startsWith("hdfs://"), r.output());
        assertTrue(AtomicOutput.isComplete(hdfs, new Path(out)));
        assertTrue(hdfs.exists(new Path(out, IngestJob.SUMMARY)));
        assertEquals(106, ExampleParquet.read(spark, out, "test").count());
        assertEquals(r.summary().tokens(), ExampleParquet.read(spark, out)
                .selectExpr("sum(size(tokens))").first().getLong(0));
        assertThrows(OutputExistsException.class, () -> IngestJob.run(spark,
                IngestOptions.of(InputFormat.BROWN, in.toString(), out).withTask(BrownTask.POS)));
        assertEquals(1, hdfs.listStatus(new Path(root + "/groot")).length, "no temporary directories left on HDFS");
    }
}

package dev.groot.spark.reliability;

import dev.groot.model.tagger.ModelIO;
import dev.groot.spark.cluster.MiniHdfs;
import dev.groot.spark.job.SparkTestData;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run directory lives on a MiniDFSCluster with one DataNode (replication 1). A real
 * {@code groot train} JVM pauses right before it writes iteration 1's candidates, the DataNode is
 * stopped, and the write runs against it: the job must fail cleanly (exit 1, one error line) with
 * iteration 0 still committed; after a DataNode restart the same command resumes and finishes.
 */
@Tag("fault")
@Tag("cluster")
@DisplayName("HDFS DataNode lost during a write")
@ExtendWith(ReliabilityResults.class)
class HdfsDataNodeTest {

    static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    @DisplayName("DataNode stopped before the candidate write; rerun after restart")
    void lostDataNodeFailsCleanlyAndRerunSucceeds() throws Exception {
        SparkSession spark = SparkTestData.session("local[2]");
        String data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), 48, 16);
        spark.stop();
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            String run = hdfs.path("/runs/groot");
            List<String> args = TinyTrain.args(data, run, 1, "--conf", "spark.hadoop.dfs.replication=1");
            Path release = tmp.resolve("release");

            int code;
            GrootProcess first = GrootProcess.start(tmp, args, Map.of("groot.fault.pauseAt", "after-generate",
                    "groot.fault.releaseFile", release.toString()));
            try {
                first.awaitFaultPoint("after-generate", TIMEOUT);
                hdfs.stopDataNodes();
                Files.createFile(release);
                code = first.await(TIMEOUT);
                assertNotEquals(0, code, "a write without DataNodes must fail the job");
            } finally {
                first.close();
            }
            List<String> errors = first.grootErrors();
            assertEquals(1, errors.size(), first.stderr());
            String error = errors.get(0);
            assertTrue(error.startsWith("groot train: error: "), error);

            Configuration conf = new Configuration(hdfs.fileSystem().getConf());
            hdfs.restartDataNodes();
            RunManifest before = RunOutputs.manifest(run, conf);
            assertEquals(0, before.lastIteration(), "iteration 0 stays committed");
            assertFalse(hdfs.exists("/runs/groot/_lock"), "the failed job released its lock");

            GrootProcess second = GrootProcess.start(tmp, args, Map.of());
            assertEquals(0, second.await(TIMEOUT), second::stderr);
            assertTrue(second.stdout().contains("after committed iteration 0"), second.stdout());
            RunManifest after = RunOutputs.manifest(run, conf);
            assertEquals(1, after.lastIteration());
            ModelIO.load(new RunLayout(run).model(1).toString(), conf);
            ModelIO.load(new RunLayout(run).best().toString(), conf);
            ReliabilityResults.outcome("exit " + code + ", \"" + error + "\"; after the restart the rerun resumed after "
                    + "iteration 0 and committed iteration 1 (" + after.iteration(1).candidateRows() + " candidate rows)");
        }
    }
}

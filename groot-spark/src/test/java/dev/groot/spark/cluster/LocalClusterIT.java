package dev.groot.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real-cluster path: master + 2 workers (1 core, 1g each) from deploy/local-cluster,
 * HDFS from a MiniDFSCluster, {@code groot ingest} of the bundled Brown sample submitted with
 * the shaded job jar through deploy/bin/submit (so SparkSubmit), input and output on HDFS,
 * the executors doing the reading. About 100 s on 2 cores: executor JVMs start slowly and
 * fetch the 250 MB job jar.
 */
@Tag("cluster")
@Tag("slow")
class LocalClusterIT {

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2, 1, "1g");

    @Test
    void ingestOnTheClusterReadsAndWritesHdfsWithTheExecutorsDoingTheWork() throws Exception {
        assertTrue(Files.isRegularFile(ProjectPaths.jobJar()), "the package phase builds " + ProjectPaths.jobJar());
        MiniHdfs hdfs = CLUSTER.hdfs();
        hdfs.copyFromLocal(ProjectPaths.root().resolve("data/sample/brown"), "/data/brown");

        SubmitResult result = CLUSTER.cluster().submit(Submission.of("ingest", "--format", "brown",
                "--task", "brown-title", "--input", hdfs.path("/data/brown"), "--output", hdfs.path("/data/examples"))).requireSuccess();

        assertTrue(hdfs.exists("/data/examples/_SUCCESS"), "ingest committed its output on HDFS");
        for (String split : new String[] {"train", "dev", "test"}) {
            assertFalse(hdfs.readLines("/data/examples/examples/split=" + split + "/part-*.parquet").isEmpty(),
                    "Parquet rows for split " + split);
        }
        // data/sample/README.md: ca01 (train, 98 sentences), ca05 (dev, 84), ca10 (test, 106).
        JsonNode summary = new ObjectMapper().readTree(String.join("\n", hdfs.readLines("/data/examples/_summary.json")));
        assertEquals(98 + 84 + 106, summary.path("sentences").asLong(), summary.toString());
        assertEquals(98, summary.path("splits").path("train").path("sentences").asLong());
        assertEquals(84, summary.path("splits").path("dev").path("sentences").asLong());
        assertEquals(106, summary.path("splits").path("test").path("sentences").asLong());
        assertEquals(0, summary.path("rejected").asLong());

        EventLogTasks events = result.events();
        assertEquals(2, events.executorsAdded().size(), events.toString());
        Map<String, Long> tasks = events.successfulTasksByExecutor();
        assertFalse(tasks.containsKey("driver"), "no task ran in the driver: " + events);
        assertEquals(events.executorsAdded(), tasks.keySet(), "both executors ran tasks: " + events);
        System.out.println(events);

        // One GROOT iteration on the cluster, data and run directory on HDFS.
        String run = hdfs.path("/runs/groot");
        SubmitResult train = CLUSTER.cluster().submit(Submission.of("train", "--data", hdfs.path("/data/examples"),
                "--run", run, "--iterations", "1", "--epochs", "2", "--epoch-patience", "1", "--k", "3", "--beam", "3",
                "--corrections", "1", "--word-dim", "16", "--shape-dim", "4", "--suffix-dim", "8", "--tag-dim", "8",
                "--encoder", "16", "--decoder", "16", "--batch", "16", "--averaging-frequency", "2", "--workers", "2",
                "--decode-batch", "64")).requireSuccess();
        for (String path : new String[] {"/runs/groot/iteration=1/candidates/_SUCCESS",
                "/runs/groot/iteration=1/metrics/_SUCCESS", "/runs/groot/iteration=0/model.groot",
                "/runs/groot/iteration=1/model.groot", "/runs/groot/iteration=1/metrics.json", "/runs/groot/best",
                "/runs/groot/summary.json"}) {
            assertTrue(hdfs.exists(path), "train wrote " + path);
        }
        JsonNode metrics = new ObjectMapper().readTree(String.join("\n",
                hdfs.readLines("/runs/groot/iteration=1/metrics.json")));
        double selection = metrics.path("selection_value").asDouble(-1);
        assertTrue(selection >= 0 && selection <= 1, "dev reward in [0,1]: " + metrics);
        EventLogTasks trainEvents = train.events();
        Map<String, Long> generation = trainEvents.successfulTasksByExecutor("groot generate");
        assertFalse(generation.isEmpty(), "generation stages ran: " + trainEvents);
        assertFalse(generation.containsKey("driver"), "no generation task ran in the driver: " + trainEvents);
        // The bundled sample's 98 training sentences make one partition, so one executor may do it all.
        assertTrue(trainEvents.executorsAdded().containsAll(generation.keySet()),
                "generation ran on the registered executors: " + generation + " / " + trainEvents);
    }
}

package dev.groot.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real-cluster path: master + 2 workers (1 core, 1g each) from deploy/local-cluster,
 * HDFS from a MiniDFSCluster, a job submitted with the shaded job jar through
 * deploy/bin/submit (so SparkSubmit), input and output on HDFS, executors doing the work.
 * About 100 s on 2 cores: executor JVMs start slowly and fetch the 250 MB job jar.
 */
@Tag("cluster")
@Tag("slow")
class LocalClusterIT {

    @RegisterExtension
    static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2, 1, "1g");

    @Test
    void jobReadsAndWritesHdfsAndRunsOnTheExecutors() {
        assertTrue(Files.isRegularFile(ProjectPaths.jobJar()), "the package phase builds " + ProjectPaths.jobJar());
        MiniHdfs hdfs = CLUSTER.hdfs();
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            input.add("The/at jury/nn said/vbd item " + i + " ./.");
        }
        hdfs.writeLines("/data/in/part-0.txt", input);

        int partitions = 8;
        SubmitResult result = CLUSTER.cluster().submit(Submission.of(
                        hdfs.path("/data/in"), hdfs.path("/data/out"), String.valueOf(partitions))
                .mainClass(ExecutorProbeJob.class.getName())
                .extraJar(ClassJar.of(ExecutorProbeJob.class, CLUSTER.scratch().resolve("probe.jar"))))
                .requireSuccess();

        assertTrue(hdfs.exists("/data/out/_SUCCESS"), "the job committed its output on HDFS");
        List<String> rows = hdfs.readLines("/data/out/part-*");
        assertEquals(partitions, rows.size(), "one row per partition: " + rows);
        long lines = 0;
        long tokens = 0;
        Set<String> executors = new TreeSet<>();
        for (String row : rows) {
            String[] f = row.split("\t");
            executors.add(f[0]);
            lines += Long.parseLong(f[1]);
            tokens += Long.parseLong(f[2]);
        }
        assertEquals(input.size(), lines, "every input line was processed once");
        assertEquals(input.size() * 6L, tokens);
        assertFalse(executors.contains("driver"), "no partition ran in the driver: " + executors);
        assertEquals(2, executors.size(), "both workers' executors processed partitions: " + executors);

        EventLogTasks events = result.events();
        assertEquals(2, events.executorsAdded().size(), events.toString());
        // The write stage: one task per output partition.
        Map<String, Long> tasks = events.successfulTasksByExecutor("SparkHadoopWriter");
        assertEquals(executors, tasks.keySet(), "event log and output agree on the executors: " + events);
        assertEquals(partitions, tasks.values().stream().mapToLong(Long::longValue).sum(), events.toString());
    }
}

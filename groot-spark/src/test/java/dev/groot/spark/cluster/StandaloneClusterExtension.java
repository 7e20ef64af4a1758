package dev.groot.spark.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a MiniDFSCluster plus a standalone master and workers for one test
 * class, stopped after the class even when a test or the start itself fails.
 * <pre>
 * &#64;RegisterExtension
 * static final StandaloneClusterExtension CLUSTER = new StandaloneClusterExtension(2, 1, "1g");
 * ... CLUSTER.cluster().submit(Submission.of("train", "--run", CLUSTER.hdfs().path("/runs/r1")))
 * </pre>
 */
public final class StandaloneClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int workers;
    private final int cores;
    private final String memory;
    private MiniHdfs hdfs;
    private ClusterHarness cluster;
    private Path scratch;

    public StandaloneClusterExtension(int workers, int cores, String memory) {
        this.workers = workers;
        this.cores = cores;
        this.memory = memory;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scratch = ProjectPaths.scratch("cluster-" + context.getRequiredTestClass().getSimpleName());
        hdfs = MiniHdfs.start(scratch.resolve("hdfs"));
        try {
            cluster = ClusterHarness.start(scratch.resolve("spark"), workers, cores, memory);
        } catch (RuntimeException | Error e) {
            hdfs.close();
            hdfs = null;
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (hdfs != null) {
                hdfs.close();
            }
        }
    }

    public ClusterHarness cluster() {
        return cluster;
    }

    public MiniHdfs hdfs() {
        return hdfs;
    }

    /** This test class's scratch folder under groot-spark/target. */
    public Path scratch() {
        return scratch;
    }
}

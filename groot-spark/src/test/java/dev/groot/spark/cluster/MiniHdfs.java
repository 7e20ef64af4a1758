package dev.groot.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS (one name node, one data node) on 127.0.0.1, reachable from the
 * driver and executor JVMs of a local cluster as {@code hdfs://127.0.0.1:<port>/}.
 */
public final class MiniHdfs implements AutoCloseable {

    private final MiniDFSCluster cluster;
    private final FileSystem fs;
    private final String uri;
    private final List<MiniDFSCluster.DataNodeProperties> stopped = new ArrayList<>();

    private MiniHdfs(MiniDFSCluster cluster) throws IOException {
        this.cluster = cluster;
        this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        Configuration conf = new Configuration(cluster.getConfiguration(0));
        this.fs = FileSystem.newInstance(java.net.URI.create(uri), conf);
    }

    public static MiniHdfs start(Path baseDir) {
        Configuration conf = new Configuration();
        conf.setBoolean("dfs.permissions.enabled", false);
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        // Small blocks: the sample data still spans several blocks, hence several input splits.
        conf.setLong("dfs.blocksize", 1024 * 1024);
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
        try {
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile())
                    .numDataNodes(1).format(true).build();
            cluster.waitActive();
            return new MiniHdfs(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MiniDFSCluster in " + baseDir, e);
        }
    }

    /** {@code hdfs://127.0.0.1:<port>}, without a trailing slash. */
    public String uri() {
        return uri;
    }

    /** The full URI of an absolute HDFS path such as {@code /data/in}. */
    public String path(String absolute) {
        return uri + absolute;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** Writes UTF-8 lines to an HDFS file. */
    public void writeLines(String absolute, List<String> lines) {
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(absolute), true)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(absolute), e);
        }
    }

    /** Copies a local file or folder to HDFS. */
    public void copyFromLocal(Path local, String absolute) {
        try {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + local + " to " + path(absolute), e);
        }
    }

    /** All lines of the files matching an HDFS glob, e.g. {@code /out/part-*}. */
    public List<String> readLines(String glob) {
        List<String> lines = new ArrayList<>();
        try {
            FileStatus[] matches = fs.globStatus(new org.apache.hadoop.fs.Path(glob));
            if (matches == null) {
                return lines;
            }
            for (FileStatus st : matches) {
                try (var in = fs.open(st.getPath())) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(glob), e);
        }
    }

    public boolean exists(String absolute) {
        try {
            return fs.exists(new org.apache.hadoop.fs.Path(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path(absolute), e);
        }
    }

    /** Stops every data node (fault tests): reads and writes of blocks fail until {@link #restartDataNodes}. */
    public void stopDataNodes() {
        while (!cluster.getDataNodes().isEmpty()) {
            stopped.add(cluster.stopDataNode(0));
        }
    }

    /** Restarts the data nodes {@link #stopDataNodes} stopped, on their old ports and storage. */
    public void restartDataNodes() {
        try {
            for (MiniDFSCluster.DataNodeProperties dn : stopped) {
                cluster.restartDataNode(dn, true);
            }
            stopped.clear();
            cluster.waitActive();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the data nodes", e);
        }
    }

    @Override
    public void close() {
        try {
            fs.close();
        } catch (IOException ignored) {
            // shutting down anyway
        } finally {
            cluster.shutdown(true);
        }
    }
}

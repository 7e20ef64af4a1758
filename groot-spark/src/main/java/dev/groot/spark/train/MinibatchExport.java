package dev.groot.spark.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.datavec.spark.util.SerializableHadoopConfig;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Writes an epoch's minibatches to files once, so that DL4J's master trains from paths: each
 * averaging round then reads only its own minibatches. (With the direct approach every round
 * filters the whole persisted minibatch RDD, deserialising or even rebuilding all of it: the cost
 * of an epoch grows with the square of the data.) The paths keep the minibatches' partitioning,
 * one partition per worker, each partition's short minibatch last. Close to delete the files.
 */
final class MinibatchExport implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final String directory;
    private final JavaRDD<String> paths;

    private MinibatchExport(JavaSparkContext jsc, String directory, JavaRDD<String> paths) {
        this.jsc = jsc;
        this.directory = directory;
        this.paths = paths;
    }

    /**
     * @param baseDirectory fully qualified directory all executors can read (file:// only with a local master)
     */
    static MinibatchExport write(JavaSparkContext jsc, JavaRDD<MultiDataSet> minibatches, String baseDirectory) {
        String directory = baseDirectory + (baseDirectory.endsWith("/") ? "" : "/") + "minibatches-" + UUID.randomUUID();
        Broadcast<SerializableHadoopConfig> hadoop = BroadcastHadoopConfigHolder.get(jsc);
        JavaRDD<String> paths = minibatches.mapPartitionsWithIndex((partition, it) -> {
            Configuration conf = hadoop.getValue().getConfiguration();
            List<String> written = new ArrayList<>();
            while (it.hasNext()) {
                URI uri = URI.create(directory + "/p" + partition + "-" + written.size() + ".bin");
                FileSystem fs = FileSystem.get(uri, conf);
                // overwrite: a retried task writes the same minibatches again
                try (FSDataOutputStream out = fs.create(new Path(uri), true)) {
                    it.next().save(out);
                }
                written.add(uri.toString());
            }
            Iterator<String> result = written.iterator();
            return result;
            // the level DL4J's master persists paths at (it cannot be changed once set)
        }, true).persist(StorageLevel.MEMORY_ONLY());
        MinibatchExport export = new MinibatchExport(jsc, directory, paths);
        try {
            paths.count();
        } catch (RuntimeException e) {
            export.close();
            throw e;
        }
        return export;
    }

    JavaRDD<String> paths() {
        return paths;
    }

    @Override
    public void close() {
        paths.unpersist();
        try {
            URI uri = URI.create(directory);
            FileSystem.get(uri, jsc.hadoopConfiguration()).delete(new Path(uri), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete exported minibatches under " + directory, e);
        }
    }
}

package dev.groot.spark.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LengthBuckets;
import dev.groot.spark.job.FaultPoints;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One epoch of (weighted) teacher-forced NLL through DL4J's parameter-averaging trainer.
 * Each epoch the rows are dealt at random (seeded by run seed and epoch) into one partition per
 * worker; executors cut their partition into length-bucketed minibatches ({@link LengthBuckets})
 * and, with the export approach, write them to files once ({@link MinibatchExport});
 * SparkComputationGraph trains them, averaging parameters and updater state into {@code net}.
 */
public final class SparkEpochFitter implements EpochFitter {
    private final JavaSparkContext jsc;
    private final JavaRDD<WeightedSequence> rows;
    private final Broadcast<Vocabularies> vocabularies;
    private final TrainingMasterSettings settings;
    private final int workers;
    private final String exportDirectory;
    private final boolean shuffle;
    private final FaultPoints faults = FaultPoints.fromSystemProperties();
    private long tokens = -1;

    /**
     * @param shuffle false = train the rows' own partitions in their order (tests compare this with
     *                the local loop minibatch for minibatch)
     */
    public SparkEpochFitter(JavaSparkContext jsc, JavaRDD<WeightedSequence> rows, Vocabularies vocabularies,
                            TrainingMasterSettings settings, boolean shuffle) {
        this.jsc = jsc;
        this.rows = rows;
        this.vocabularies = jsc.broadcast(vocabularies);
        this.settings = settings;
        this.workers = settings.workers() != null ? settings.workers() : jsc.defaultParallelism();
        this.exportDirectory = "export".equals(settings.rddApproach()) ? exportDirectory(jsc, settings) : null;
        this.shuffle = shuffle;
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        long epochSeed = epochSeed(settings.seed(), epoch);
        JavaRDD<WeightedSequence> epochRows = shuffle ? dealt(rows, workers, epochSeed) : rows;
        JavaRDD<MultiDataSet> batches = minibatches(epochRows, vocabularies, settings.batchSizePerWorker(),
                shuffle, epochSeed, faults);
        // DL4J trains `net` itself: the master sets the averaged parameters, updater state and
        // iteration count on the network it was given after every round.
        SparkComputationGraph sparkNet = new SparkComputationGraph(jsc, net,
                TrainingMasters.create(settings, workers, epochSeed, exportDirectory != null));
        if (exportDirectory != null) {
            try (MinibatchExport export = MinibatchExport.write(jsc, batches, exportDirectory)) {
                sparkNet.fitPathsMultiDataSet(export.paths());
            }
        } else {
            try {
                sparkNet.fitMultiDataSet(batches);
            } finally {
                // the master persists the RDD it trains from and never releases it
                batches.unpersist();
            }
        }
        return sparkNet.getScore();
    }

    /** Counted once, by a job over the rows (for tokens/s in the progress line). */
    @Override
    public long tokensPerEpoch() {
        if (tokens < 0) {
            tokens = rows.map(r -> (long) r.tokens().size()).fold(0L, Long::sum);
        }
        return tokens;
    }

    /** A different seed per epoch, so that the split into rounds and the workers' generators change too. */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /**
     * The rows in a random order (a function of the seed and the rows' own order), dealt into
     * {@code workers} partitions of nearly equal size: the master gives each partition to one worker.
     * No sampling (a range partitioner re-samples skewed inputs with a seed taken from the RDD id,
     * which differs between runs), so the same rows in the same order give the same partitions.
     */
    static JavaRDD<WeightedSequence> dealt(JavaRDD<WeightedSequence> rows, int workers, long seed) {
        return rows.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(mix(seed, t._2()), t._1()))
                .repartitionAndSortWithinPartitions(new HashPartitioner(workers))
                .values();
    }

    private static long mix(long seed, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + index;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static JavaRDD<MultiDataSet> minibatches(JavaRDD<WeightedSequence> rows, Broadcast<Vocabularies> vocab,
                                             int batchSize, boolean shuffle, long seed, FaultPoints faults) {
        return rows.mapPartitionsWithIndex((partition, it) -> {
            // Test hook (inert in production): fail the first attempt of this update task.
            faults.maybeFailTask("update");
            List<WeightedSequence> part = new ArrayList<>();
            it.forEachRemaining(part::add);
            if (!shuffle) {
                Iterator<MultiDataSet> result = TrainingBatches.minibatches(vocab.value(), part, batchSize).iterator();
                return result;
            }
            List<MultiDataSet> out = new ArrayList<>();
            for (List<WeightedSequence> b : LengthBuckets.shuffled(part, batchSize, new Random(seed * 31 + partition), true)) {
                out.add(TrainingBatches.build(vocab.value(), b));
            }
            Iterator<MultiDataSet> result = out.iterator();
            return result;
        }, true);
    }

    /** The settings' export directory, or a local temporary one when Spark runs in this JVM. */
    static String exportDirectory(JavaSparkContext jsc, TrainingMasterSettings settings) {
        if (settings.exportDirectory() != null) {
            return settings.exportDirectory();
        }
        if (!jsc.isLocal()) {
            throw new IllegalArgumentException("the export approach on a cluster needs a fully qualified shared "
                    + "--export-dir (e.g. hdfs://nn/tmp/groot); master is " + jsc.master());
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "groot-export").toUri().toString();
    }
}

package dev.groot.spark.train;

import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LengthBuckets;
import dev.groot.model.train.SeededPermutation;
import dev.groot.model.train.TrainingUnits;
import dev.groot.spark.fault.FaultPoints;
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
 * One epoch of (weighted) teacher-forced NLL through DL4J's parameter-averaging trainer, over
 * training units ({@link TrainingUnits}: weighted rows of the standard graph, or the sentence groups
 * of the grouped graph, which the production path trains through {@code GroupedGraphFitter}).
 * Each epoch the units are dealt at random (seeded by run seed and epoch) into one equal share per
 * worker; executors cut their share into length-bucketed minibatches ordered so that the workers'
 * i-th minibatches cost about the same ({@link LengthBuckets#aligned}) and, with the export approach,
 * write them to files once ({@link MinibatchExport}); averaging round r trains the minibatches at
 * positions [r F, (r + 1) F) of every share ({@link AlignedRounds});
 * SparkComputationGraph trains them, averaging parameters and updater state into {@code net}.
 */
public final class SparkEpochFitter<T> implements EpochFitter {
    private final JavaSparkContext jsc;
    private final JavaRDD<T> rows;
    private final TrainingUnits<T> units;
    private final Broadcast<Vocabularies> vocabularies;
    private final TrainingMasterSettings settings;
    private final int workers;
    private final String exportDirectory;
    private final boolean shuffle;
    private final FaultPoints faults = FaultPoints.fromSystemProperties();
    private long tokens = -1;
    private long count = -1;

    /**
     * @param shuffle false = train the rows' own partitions in their order (tests compare this with
     *                the local loop minibatch for minibatch)
     */
    public SparkEpochFitter(JavaSparkContext jsc, TrainingUnits<T> units, JavaRDD<T> rows, Vocabularies vocabularies,
                            TrainingMasterSettings settings, boolean shuffle) {
        this.jsc = jsc;
        this.units = units;
        this.rows = rows;
        this.vocabularies = jsc.broadcast(vocabularies);
        this.settings = settings;
        this.workers = settings.workers() != null ? settings.workers() : jsc.defaultParallelism();
        this.exportDirectory = "export".equals(settings.rddApproach()) ? exportDirectory(jsc, settings) : null;
        this.shuffle = shuffle;
    }

    /** Weighted rows of the standard graph, {@code settings.batchSizePerWorker()} rows per minibatch. */
    public static SparkEpochFitter<WeightedSequence> ofRows(JavaSparkContext jsc, JavaRDD<WeightedSequence> rows,
                                                            Vocabularies vocabularies, TrainingMasterSettings settings,
                                                            boolean shuffle) {
        return new SparkEpochFitter<>(jsc, TrainingUnits.ROWS, rows, vocabularies, settings, shuffle);
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        long epochSeed = epochSeed(settings.seed(), epoch);
        JavaRDD<T> epochRows = shuffle ? dealt(rows, count(), workers, epochSeed) : rows;
        // every worker's share holds at least this many full minibatches (shares differ by <= 1 unit)
        int commonMinibatches = (int) (count() / workers / settings.batchSizePerWorker());
        JavaRDD<MultiDataSet> batches = minibatches(epochRows, units, vocabularies, settings.batchSizePerWorker(),
                shuffle, epochSeed, commonMinibatches, faults);
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

    /** Units to train on, counted once. */
    private long count() {
        if (count < 0) {
            count = rows.count();
        }
        return count;
    }

    /** Counted once, by a job over the rows (for tokens/s in the progress line). */
    @Override
    public long tokensPerEpoch() {
        if (tokens < 0) {
            TrainingUnits<T> u = units;
            tokens = rows.map(u::rowTokens).fold(0L, Long::sum);
        }
        return tokens;
    }

    /** A different seed per epoch, so that the split into rounds and the workers' generators change too. */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /**
     * The rows in a random order (a function of the seed and the rows' own order), dealt into
     * {@code workers} partitions whose sizes differ by at most one: row i goes to partition
     * π(i) mod workers at position π(i), π a seeded permutation of [0, n) ({@link SeededPermutation}).
     * Equal shares let every averaging round give each worker equal work. No sampling (a range
     * partitioner re-samples with a seed taken from the RDD id, which differs between runs), so the
     * same rows in the same order give the same partitions.
     */
    static <T> JavaRDD<T> dealt(JavaRDD<T> rows, long n, int workers, long seed) {
        SeededPermutation order = new SeededPermutation(Math.max(1, n), seed);
        return rows.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(order.apply(t._2()), t._1()))
                // a Long key below 2^31 hashes to itself: partition = π(i) mod workers
                .repartitionAndSortWithinPartitions(new HashPartitioner(workers))
                .values();
    }

    static <T> JavaRDD<MultiDataSet> minibatches(JavaRDD<T> rows, TrainingUnits<T> units, Broadcast<Vocabularies> vocab,
                                                 int batchSize, boolean shuffle, long seed, int commonMinibatches,
                                                 FaultPoints faults) {
        return rows.mapPartitionsWithIndex((partition, it) -> {
            // Test hook (inert in production): fail the first attempt of this update task.
            faults.maybeFailTask("update");
            List<T> part = new ArrayList<>();
            it.forEachRemaining(part::add);
            List<MultiDataSet> out = new ArrayList<>();
            if (!shuffle) {
                // The caller's order, cut as it is (tests compare this with the local loop).
                for (int from = 0; from < part.size(); from += batchSize) {
                    out.add(units.build(vocab.value(), part.subList(from, Math.min(part.size(), from + batchSize))));
                }
                Iterator<MultiDataSet> result = out.iterator();
                return result;
            }
            // The i-th minibatch of every worker costs about the same: each round waits for its slowest worker.
            for (List<T> b : LengthBuckets.aligned(part, batchSize, units::length, units::rows,
                    new Random(seed * 31 + partition), commonMinibatches, seed)) {
                out.add(units.build(vocab.value(), b));
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

package dev.groot.spark.bench;

import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.update.SentenceGroup;
import dev.groot.spark.train.SparkEpochFitter;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Training throughput of one epoch of NLL over the same sentences and the same starting network,
 * through the production path (the sentence-grouped graph, {@link GroupedGraphFitter}, one gold row
 * of weight 1 per sentence): DL4J parameter averaging on the session's Spark master vs a single-JVM
 * {@link LocalEpochFitter} (one thread) with the same minibatch size, and the machine's ceiling:
 * the local loop in one thread per worker at once on equal shares, nothing averaged.
 */
public final class TrainingBench {

    private final JavaSparkContext jsc;
    private final TrainingMasterSettings settings;

    public TrainingBench(JavaSparkContext jsc, TrainingMasterSettings settings) {
        this.jsc = jsc;
        this.settings = settings;
    }

    public Map<String, Object> run(TaggerModel model, List<WeightedSequence> rows) {
        long tokens = 0;
        for (WeightedSequence r : rows) {
            tokens += r.tokens().size();
        }
        List<SentenceGroup> groups = GroupedBatches.group(rows);
        int partitions = settings.workers() != null ? settings.workers() : jsc.defaultParallelism();
        // Warm-up of both paths (JIT, each thread's workspaces and scratch buffers, Spark's task
        // threads), so that neither pays them inside its timing window.
        List<SentenceGroup> warmGroups = groups.subList(0, Math.min(groups.size(), 4 * partitions * settings.batchSizePerWorker()));
        local(model, warmGroups).fitEpoch(model.networkCopy(), 1);
        JavaRDD<SentenceGroup> warmRdd = jsc.parallelize(warmGroups, partitions).persist(StorageLevel.MEMORY_ONLY());
        spark(model, warmRdd).fitEpoch(model.networkCopy(), 1);
        warmRdd.unpersist();

        ComputationGraph local = model.networkCopy();
        double cpu0 = MachineInfo.processCpuSeconds();
        long t0 = System.nanoTime();
        double localLoss = local(model, groups).fitEpoch(local, 1);
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        double localCpu = MachineInfo.processCpuSeconds() - cpu0;

        // The machine's ceiling for any trainer with `partitions` workers: the same local loop in
        // that many threads at once, each on its own share and network, nothing averaged.
        t0 = System.nanoTime();
        independentThreads(model, groups, partitions);
        double threadsSeconds = (System.nanoTime() - t0) / 1e9;

        JavaRDD<SentenceGroup> rdd = jsc.parallelize(groups, partitions).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        ComputationGraph spark = model.networkCopy();
        cpu0 = MachineInfo.processCpuSeconds();
        t0 = System.nanoTime();
        double sparkLoss = spark(model, rdd).fitEpoch(spark, 1);
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;
        double sparkCpu = MachineInfo.processCpuSeconds() - cpu0;
        rdd.unpersist();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nll_training_tokens_per_s", tokens / sparkSeconds);
        m.put("spark_over_one_thread", localSeconds / sparkSeconds);
        m.put("training_path", "sentence-grouped graph; spark: SparkComputationGraph + ParameterAveragingTrainingMaster");
        m.put("training_rows", rows.size());
        m.put("training_tokens", tokens);
        m.put("training_independent_threads_tokens_per_s", tokens / threadsSeconds);
        m.put("training_threads_over_one_thread", localSeconds / threadsSeconds);
        m.put("spark_over_independent_threads", threadsSeconds / sparkSeconds);
        m.put("training_local_tokens_per_s", tokens / localSeconds);
        m.put("training_spark_tokens_per_s", tokens / sparkSeconds);
        m.put("training_local_seconds", localSeconds);
        m.put("training_spark_seconds", sparkSeconds);
        m.put("training_local_tokens_per_cpu_s", tokens / localCpu);
        m.put("training_spark_tokens_per_cpu_s", tokens / sparkCpu);
        m.put("training_local_loss", localLoss);
        m.put("training_spark_loss", sparkLoss);
        m.put("training_spark_workers", partitions);
        m.put("training_batch_size", settings.batchSizePerWorker());
        m.put("training_averaging_frequency", settings.averagingFrequency());
        m.put("training_prefetch", settings.prefetchBatches());
        m.put("training_rdd_approach", settings.rddApproach());
        return m;
    }

    private GroupedGraphFitter spark(TaggerModel model, JavaRDD<SentenceGroup> rdd) {
        return new GroupedGraphFitter(model.config(), model.vocabularies(), new SparkEpochFitter<>(jsc,
                GroupedBatches.UNITS, rdd, model.vocabularies(), settings, true));
    }

    /** One local epoch per thread over an equal share of the groups, all threads at once. */
    private void independentThreads(TaggerModel model, List<SentenceGroup> groups, int threads) {
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<SentenceGroup> share = new ArrayList<>();
            for (int i = t; i < groups.size(); i += threads) {
                share.add(groups.get(i));
            }
            ComputationGraph net = model.networkCopy();
            Thread thread = new Thread(() -> local(model, share).fitEpoch(net, 1), "bench-trainer-" + t);
            thread.setUncaughtExceptionHandler((th, e) -> failures.add(e));
            running.add(thread);
        }
        running.forEach(Thread::start);
        for (Thread thread : running) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the bench's trainer threads ran", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a bench trainer thread failed: " + failures.get(0), failures.get(0));
        }
    }

    private GroupedGraphFitter local(TaggerModel model, List<SentenceGroup> groups) {
        return new GroupedGraphFitter(model.config(), model.vocabularies(), new LocalEpochFitter<>(model.vocabularies(),
                GroupedBatches.UNITS, groups, settings.batchSizePerWorker(), settings.seed()));
    }
}

package dev.groot.spark.bench;

import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.spark.train.SparkEpochFitter;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of one epoch of (weighted) teacher-forced NLL over the same rows and the same
 * starting network: DL4J parameter averaging on the session's Spark master vs a single-JVM
 * {@link LocalEpochFitter} with the same minibatch size. (Gold rows with weight 1: a GROOT
 * update's weighted candidate rows cost exactly the same per token.)
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
        // Warm-up: JIT and native workspaces, so that neither side pays them alone.
        ComputationGraph warm = model.networkCopy();
        LocalEpochFitter.ofRows(model.vocabularies(), rows.subList(0, Math.min(rows.size(), 2 * settings.batchSizePerWorker())),
                settings.batchSizePerWorker(), settings.seed()).fitEpoch(warm, 1);

        ComputationGraph local = model.networkCopy();
        double cpu0 = MachineInfo.processCpuSeconds();
        long t0 = System.nanoTime();
        double localLoss = LocalEpochFitter.ofRows(model.vocabularies(), rows, settings.batchSizePerWorker(), settings.seed())
                .fitEpoch(local, 1);
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        double localCpu = MachineInfo.processCpuSeconds() - cpu0;

        int partitions = settings.workers() != null ? settings.workers() : jsc.defaultParallelism();
        JavaRDD<WeightedSequence> rdd = jsc.parallelize(rows, partitions).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        ComputationGraph spark = model.networkCopy();
        cpu0 = MachineInfo.processCpuSeconds();
        t0 = System.nanoTime();
        double sparkLoss = SparkEpochFitter.ofRows(jsc, rdd, model.vocabularies(), settings, true).fitEpoch(spark, 1);
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;
        double sparkCpu = MachineInfo.processCpuSeconds() - cpu0;
        rdd.unpersist();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spark_over_local_training", localSeconds / sparkSeconds);
        m.put("training_rows", rows.size());
        m.put("training_tokens", tokens);
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
        return m;
    }
}

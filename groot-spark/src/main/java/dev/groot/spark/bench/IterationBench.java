package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.job.CandidateConfig;
import dev.groot.spark.job.GrootRunConfig;
import dev.groot.spark.job.ObjectiveConfig;
import dev.groot.spark.job.ScheduleConfig;
import dev.groot.spark.job.GrootTrainJob;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Full GROOT iterations through the production job ({@link GrootTrainJob} with {@code --init-model},
 * K, J, one update epoch) over a train subset, with the job's own per-stage seconds and the memory
 * of each iteration. When the subset is smaller than the full train split, the iteration time is
 * extrapolated linearly: stages that walk the train candidates (generate, write, update) by train
 * tokens, evaluation by dev tokens; load and checkpoint do not depend on the data.
 */
public final class IterationBench {
    private static final Set<String> TRAIN_STAGES = Set.of("generate", "write", "update");

    private final SparkSession spark;
    private final int iterations;
    private final int k;
    private final int beam;
    private final int corrections;
    private final int decodeBatch;
    private final TrainingMasterSettings master;
    private final Consumer<String> progress;

    public IterationBench(SparkSession spark, int iterations, int k, int beam, int corrections, int decodeBatch,
                          TrainingMasterSettings master, Consumer<String> progress) {
        this.spark = spark;
        this.iterations = iterations;
        this.k = k;
        this.beam = beam;
        this.corrections = corrections;
        this.decodeBatch = decodeBatch;
        this.master = master;
        this.progress = progress;
    }

    public Map<String, Object> run(TaggerModel init, List<Example> train, List<Example> dev, BenchData full, Path workDir) {
        String data = BenchData.writeParquet(spark, train, dev, workDir.resolve("examples").toString());
        String initModel = workDir.resolve("init.model").toString();
        ModelIO.save(init, initModel, spark.sparkContext().hadoopConfiguration());
        String reward = init.vocabularies().isBio() ? "span-fbeta:beta=1" : "token-accuracy";
        GrootRunConfig cfg = new GrootRunConfig(data, workDir.resolve("run").toString(), initModel, master.seed(),
                new CandidateConfig(k, beam, corrections, false, true, decodeBatch),
                new ObjectiveConfig(reward, List.of(), "kl", 0.1, 1.0, 1.0, 0.1),
                new ScheduleConfig(iterations, iterations + 1, 1, 1, 1, Double.NaN, GrootRunConfig.DEFAULT_MIN_UPDATE_WEIGHT,
                        0, false),
                init.config(), master);

        List<Map<String, Object>> memory = new ArrayList<>();
        RunManifest manifest;
        try (MemoryMonitor monitor = new MemoryMonitor(50)) {
            monitor.cut();
            manifest = new GrootTrainJob(spark, cfg, line -> progress.accept("  | " + line), t -> {
                Map<String, Object> mem = new LinkedHashMap<>();
                mem.put("iteration", t);
                mem.putAll(monitor.cut());
                memory.add(mem);
            }).run();
        }
        if (manifest.lastIteration() < 1) {
            throw new IllegalStateException("the GROOT job committed no iteration after the warm start");
        }
        long trainTokens = BenchData.tokens(train);
        long devTokens = BenchData.tokens(dev);
        double trainScale = full.fullTrainTokens() / (double) trainTokens;
        double devScale = full.fullDevTokens() / (double) devTokens;

        IterationRecord first = manifest.iteration(1);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Double> measured = new LinkedHashMap<>(first.seconds());
        Map<String, Double> projected = new LinkedHashMap<>();
        double measuredTotal = 0;
        double projectedTotal = 0;
        for (Map.Entry<String, Double> e : measured.entrySet()) {
            double scale = TRAIN_STAGES.contains(e.getKey()) ? trainScale : "evaluate".equals(e.getKey()) ? devScale : 1.0;
            projected.put(e.getKey(), e.getValue() * scale);
            measuredTotal += e.getValue();
            projectedTotal += e.getValue() * scale;
        }
        boolean extrapolated = train.size() < full.fullTrainSentences();
        m.put("iteration_seconds", projectedTotal);
        m.put("iteration_stage_seconds", projected);
        if (extrapolated) {
            m.put("extrapolated_from", train.size());
            m.put("extrapolated_from_tokens", trainTokens);
            m.put("extrapolated_to_tokens", full.fullTrainTokens());
            m.put("extrapolated_from_dev_sentences", dev.size());
            m.put("iteration_measured_seconds", measuredTotal);
            m.put("iteration_measured_stage_seconds", measured);
        }
        m.put("iteration_candidate_rows", first.candidateRows());
        m.put("iteration_train_tokens_per_s", trainTokens / measuredTotal);
        List<Map<String, Object>> perIteration = new ArrayList<>();
        for (IterationRecord r : manifest.iterations()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("iteration", r.iteration());
            it.put("seconds", r.seconds());
            it.put("candidate_rows", r.candidateRows());
            perIteration.add(it);
        }
        m.put("iterations", perIteration);
        m.put("memory_per_iteration", memory);
        m.put("memory_peak_heap_mib", memory.stream().mapToLong(x -> (Long) x.get("peak_heap_mib")).max().orElse(0));
        m.put("memory_peak_offheap_javacpp_mib",
                memory.stream().mapToLong(x -> (Long) x.get("peak_offheap_javacpp_mib")).max().orElse(0));
        m.put("memory_peak_process_physical_mib",
                memory.stream().mapToLong(x -> (Long) x.get("peak_process_physical_mib")).max().orElse(0));
        m.put("memory_growth", growth(memory));
        m.put("memory_max_heap_mib", MemoryMonitor.maxHeapMib());
        m.put("memory_max_offheap_mib", MemoryMonitor.maxOffHeapMib());
        return m;
    }

    /** Heap and off-heap held after GC at the end of the last GROOT iteration minus the first one. */
    static Map<String, Object> growth(List<Map<String, Object>> memory) {
        List<Map<String, Object>> groot = memory.stream().filter(x -> (Integer) x.get("iteration") >= 1).toList();
        Map<String, Object> g = new LinkedHashMap<>();
        if (groot.size() < 2) {
            g.put("checked", false);
            g.put("reason", "fewer than 2 GROOT iterations measured");
            return g;
        }
        Map<String, Object> a = groot.get(0);
        Map<String, Object> b = groot.get(groot.size() - 1);
        long heap = (Long) b.get("heap_after_gc_mib") - (Long) a.get("heap_after_gc_mib");
        long off = (Long) b.get("offheap_javacpp_after_gc_mib") - (Long) a.get("offheap_javacpp_after_gc_mib");
        g.put("checked", true);
        g.put("heap_after_gc_delta_mib", heap);
        g.put("offheap_after_gc_delta_mib", off);
        // Tolerance: a few MiB of caches (Spark metadata, class loading) are not a leak.
        g.put("growth", heap > 64 || off > 64);
        return g;
    }
}

package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.GrootTrainer;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.SparkCandidateSource;
import dev.groot.spark.fault.FaultPoints;
import dev.groot.spark.store.ParquetIterationStore;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunLock;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.train.SparkModelUpdater;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

/**
 * A whole GROOT run on Spark: wires the Spark implementations (the step over partitions, the
 * Parquet run directory, the DL4J Spark updater, the distributed dev evaluation) into
 * groot-model's {@link GrootTrainer}, which runs the warm start and the iterations. The run
 * manifest is written last in every iteration: a rerun resumes after the last committed
 * iteration and redoes an interrupted one from scratch (its outputs are replaced whole).
 */
public final class GrootTrainJob {

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final Configuration conf;
    private final GrootRunConfig cfg;
    private final RunLayout layout;
    private final Consumer<String> out;
    private final FaultPoints faults;
    private final IntConsumer committed;

    public GrootTrainJob(SparkSession spark, GrootRunConfig cfg, Consumer<String> out) {
        this(spark, cfg, out, t -> { });
    }

    /** @param committed called with the iteration number after each commit (e.g. the bench's memory probe) */
    public GrootTrainJob(SparkSession spark, GrootRunConfig cfg, Consumer<String> out, IntConsumer committed) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.conf = spark.sparkContext().hadoopConfiguration();
        this.cfg = cfg;
        this.layout = new RunLayout(cfg.run());
        this.out = out;
        this.faults = FaultPoints.fromSystemProperties();
        this.committed = committed;
    }

    public RunManifest run() {
        // Everything that can be wrong with the options fails here, on the driver, before any job.
        GrootMethod method = cfg.method();
        dev.groot.model.reward.RewardApplicability.check(method.reward(), ExampleData.tags(spark, cfg.data()), cfg.data());
        List<Reward> evalRewards = method.evaluationRewards(cfg.objective().evalRewardSpecs());
        TaggerModel initModel = cfg.initModel() == null ? null : ModelIO.load(cfg.initModel(), conf);
        List<TaggerModel> foldModels = FoldModels.load(cfg.crossFit(),
                initModel == null ? null : initModel.vocabularies().tags(), conf);
        FoldModels.checkUnseenStart(cfg.crossFit(), initModel, cfg.initModel());

        try (RunLock lock = RunLock.acquire(layout.lock(), conf)) {
            Dataset<Row> examples = ExampleData.read(spark, cfg.data());
            JavaRDD<Example> train = trainingSplit(examples).persist(StorageLevel.MEMORY_AND_DISK_SER());
            JavaRDD<Example> dev = ExampleData.split(examples, "dev", 0, cfg.seed())
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            try {
                long trainCount = train.count();
                long devCount = dev.count();
                if (trainCount == 0 || devCount == 0) {
                    throw new IllegalArgumentException(cfg.data() + " has " + trainCount + " train and " + devCount
                            + " dev sentences; GROOT needs both splits");
                }
                out.accept(String.format("data: %,d train sentences, %,d dev sentences", trainCount, devCount)
                        + cfg.crossFit().trainingSplitNote());
                String fingerprint = SparkWarmStart.dataFingerprint(train, trainCount);
                DevEvaluation evaluation = new DevEvaluation(jsc, dev, evalRewards, cfg.candidates().k(),
                        cfg.candidates().beamWidth(), cfg.candidates().constrainBio(), cfg.candidates().decodeBatch());

                ParquetIterationStore store = new ParquetIterationStore(spark, layout,
                        cfg.identity(initModel == null ? cfg.tagger() : initModel.config(), partitions()), faults, out);
                String runId = store.open().runId();
                try (SparkCandidateSource candidates = new SparkCandidateSource(jsc, train, cfg.stepSettings(), method,
                        runId, faults, foldModels, cfg.crossFit().foldModelP())) {
                    new GrootTrainer<>(store,
                            new SparkWarmStart(jsc, cfg, initModel, train, trainCount, fingerprint, taskTags(examples),
                                    evaluation, out),
                            candidates,
                            new SparkModelUpdater(spark, store.candidates(), train, partitions(), cfg.schedule().minUpdateWeight(),
                                    cfg.objective().credit(), cfg.schedule().continueOptimizerState(),
                                    cfg.schedule().localUpdater(), cfg.master(), cfg.seed()),
                            evaluation,
                            cfg.trainerSettings(fingerprint, partitions()),
                            faults, out).onCommit(committed).run();
                }
                store.syncBest();
                RunManifest manifest = store.manifest();
                RunSummary.write(layout, manifest, evalRewards, conf);
                out.accept(RunSummary.table(manifest, evalRewards, cfg.candidates().k()));
                return manifest;
            } finally {
                train.unpersist();
                dev.unpersist();
            }
        }
    }

    /** The training sentences: capped by --max-train, then without the held-out fold of a fold run (or only the fold
     * of an unseen-fold run). */
    private JavaRDD<Example> trainingSplit(Dataset<Row> examples) {
        JavaRDD<Example> train = ExampleData.split(examples, "train", cfg.schedule().maxTrainSentences(), cfg.seed());
        CrossFitConfig crossFit = cfg.crossFit();
        return crossFit.filtersTrainingSplit() ? train.filter(e -> crossFit.keeps(e.id())) : train;
    }

    /** The task's tag set: every tag of every split, sorted. */
    private static List<String> taskTags(Dataset<Row> examples) {
        return examples.select(explode(col("tags"))).distinct().collectAsList().stream().map(r -> r.getString(0))
                .sorted().toList();
    }

    private int partitions() {
        return cfg.master().workers() != null ? cfg.master().workers() : jsc.defaultParallelism();
    }
}

package dev.groot.spark.job;

import dev.groot.model.correct.Corrector;
import dev.groot.model.correct.RandomSubsetCorrector;
import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.objective.ContrastiveObjective;
import dev.groot.model.objective.Objectives;
import dev.groot.model.objective.PairwiseMarginObjective;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Rewards;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.model.train.NllTrainer;
import dev.groot.model.train.TrainingResult;
import dev.groot.spark.dist.CandidateGeneration;
import dev.groot.spark.dist.ExecutorModels;
import dev.groot.spark.dist.GenerationSettings;
import dev.groot.spark.store.CandidateRows;
import dev.groot.spark.store.Checksums;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunLock;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import dev.groot.spark.store.SmallFiles;
import dev.groot.spark.train.SparkEpochFitter;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;

/**
 * A whole GROOT run as a sequence of Spark stages (issue 4): the NLL warm start (iteration 0),
 * then per iteration generate -> correct -> score -> store -> update -> evaluate -> checkpoint ->
 * commit. The run manifest is written last in every iteration: a rerun resumes after the last
 * committed iteration and redoes an interrupted one from scratch (its outputs are replaced whole).
 */
public final class GrootTrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(GrootTrainJob.class);

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final Configuration conf;
    private final GrootRunConfig cfg;
    private final RunLayout layout;
    private final Consumer<String> out;
    private final FaultPoints faults;

    public GrootTrainJob(SparkSession spark, GrootRunConfig cfg, Consumer<String> out) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.conf = spark.sparkContext().hadoopConfiguration();
        this.cfg = cfg;
        this.layout = new RunLayout(cfg.run());
        this.out = out;
        this.faults = FaultPoints.fromSystemProperties();
    }

    public RunManifest run() {
        // Everything that can be wrong with the options fails here, on the driver, before any job.
        Reward reward = Rewards.validate(Rewards.parse(cfg.rewardSpec()));
        dev.groot.model.reward.RewardApplicability.check(reward, ExampleData.tags(spark, cfg.data()), cfg.data());
        List<Reward> evalRewards = new ArrayList<>();
        evalRewards.add(reward);
        for (String spec : cfg.evalRewardSpecs()) {
            Reward r = Rewards.validate(Rewards.parse(spec));
            if (!r.name().equals(reward.name())) {
                evalRewards.add(r);
            }
        }
        ContrastiveObjective objective = "pairwise".equals(cfg.objective())
                ? new PairwiseMarginObjective(cfg.margin(), cfg.lambda())
                : Objectives.parse("kl", cfg.tauR(), cfg.tauS(), cfg.lambda());
        Corrector corrector = new RandomSubsetCorrector(cfg.corrections(), cfg.spanCorrections());

        try (RunLock lock = RunLock.acquire(layout.lock(), conf)) {
            Dataset<Row> examples = ExampleData.read(spark, cfg.data());
            JavaRDD<Example> train = ExampleData.split(examples, "train", cfg.maxTrainSentences(), cfg.seed())
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            JavaRDD<Example> dev = ExampleData.split(examples, "dev", 0, cfg.seed())
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            long trainCount = train.count();
            long devCount = dev.count();
            if (trainCount == 0 || devCount == 0) {
                throw new IllegalArgumentException(cfg.data() + " has " + trainCount + " train and " + devCount
                        + " dev sentences; GROOT needs both splits");
            }
            out.accept(String.format("data: %,d train sentences, %,d dev sentences", trainCount, devCount));
            DevEvaluation evaluation = new DevEvaluation(jsc, dev, evalRewards, cfg.k(), cfg.beamWidth(),
                    cfg.constrainBio(), cfg.decodeBatch());

            RunManifest manifest = resume();
            if (manifest.lastIteration() < 0) {
                manifest = warmStart(manifest, train, trainCount, evaluation);
            }
            for (int t = manifest.lastIteration() + 1; t <= cfg.iterations(); t++) {
                if (patienceExhausted(manifest)) {
                    out.accept("early stop: dev reward has not improved for " + cfg.patience() + " iterations");
                    break;
                }
                manifest = grootIteration(t, manifest, train, examples, evaluation, corrector, reward, objective);
            }
            syncBest(manifest);
            RunSummary.write(layout, manifest, evalRewards, conf);
            out.accept(RunSummary.table(manifest, evalRewards, cfg.k()));
            train.unpersist();
            dev.unpersist();
            return manifest;
        }
    }

    /** The newest committed state of RUN_DIR, or a new empty run. Damaged checkpoints roll back. */
    private RunManifest resume() {
        Optional<RunManifest> latest = RunManifests.latest(layout, conf);
        if (latest.isEmpty()) {
            String runId = layout.root().getName() + "-" + Instant.now().toString().replace(":", "");
            return new RunManifest(RunManifest.SCHEMA_VERSION, runId, Instant.now().toString(), cfg.identity(),
                    List.of(), -1);
        }
        RunManifest m = latest.get();
        Map<String, String> mine = cfg.identity();
        for (Map.Entry<String, String> e : m.options().entrySet()) {
            if (!e.getValue().equals(mine.get(e.getKey()))) {
                throw new IllegalStateException(cfg.run() + " was started with " + e.getKey() + "=" + e.getValue()
                        + " but this command has " + e.getKey() + "=" + mine.get(e.getKey())
                        + "; use a new --run directory or the original options");
            }
        }
        while (m.lastIteration() >= 0 && !checkpointIntact(m, m.lastIteration())) {
            out.accept("checkpoint of iteration " + m.lastIteration() + " is damaged; resuming from iteration "
                    + (m.lastIteration() - 1));
            m = m.withoutLast();
        }
        if (m.lastIteration() >= 0) {
            out.accept("resuming run " + m.runId() + " after committed iteration " + m.lastIteration());
        }
        return m;
    }

    private boolean checkpointIntact(RunManifest m, int iteration) {
        IterationRecord r = m.iteration(iteration);
        try {
            byte[] bytes = SmallFiles.read(layout.model(iteration), conf);
            return Checksums.sha256(bytes).equals(r.modelSha256());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private RunManifest warmStart(RunManifest manifest, JavaRDD<Example> train, long trainCount,
                                  DevEvaluation evaluation) {
        Stopwatch clock = new Stopwatch();
        TaggerModel model;
        if (cfg.initModel() != null) {
            out.accept("iteration 0: starting from --init-model " + cfg.initModel());
            model = ModelIO.load(cfg.initModel(), conf);
            clock.lap("load");
        } else {
            out.accept("iteration 0: NLL warm start on " + trainCount + " sentences");
            // Words from the training split only; tags from every split (the task's tag set).
            Vocabularies vocab = Vocabularies.build(train.collect(), cfg.tagger()).withTaskTags(taskTags());
            TaggerModel init = TaggerModel.create(cfg.tagger(), vocab, ModelManifest.create(cfg.tagger(),
                    dataFingerprint(train), Map.of("run_id", manifest.runId(), "iteration", "0")));
            JavaRDD<WeightedSequence> rows = train.map(e -> new WeightedSequence(e.tokens(), e.tags(), 1.0))
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            EpochFitter fitter = fitter(rows, vocab);
            NllTrainer trainer = new NllTrainer(cfg.nllEpochs(), cfg.nllPatience(), out);
            TrainingResult result = trainer.train(init, fitter, m -> evaluation.selectionValue(m, 1, 1), trainCount);
            model = result.best();
            rows.unpersist();
            clock.lap("update");
        }
        return finishIteration(0, manifest, model, 0, evaluation, clock);
    }

    private RunManifest grootIteration(int t, RunManifest manifest, JavaRDD<Example> train, Dataset<Row> examples,
                                       DevEvaluation evaluation, Corrector corrector, Reward reward,
                                       ContrastiveObjective objective) {
        Stopwatch clock = new Stopwatch();
        out.accept("iteration " + t + ": generate / correct / score with the model of iteration " + (t - 1));
        TaggerModel model = ModelIO.load(layout.model(t - 1).toString(), conf);
        clock.lap("load");

        CandidateStore store = new CandidateStore(spark, layout, manifest.runId());
        long rows;
        if (store.isCommitted(t)) {
            rows = store.count(t);
            out.accept(String.format("  candidates of iteration %d already stored (%,d rows): reusing them", t, rows));
        } else {
            GenerationSettings gs = new GenerationSettings(cfg.k(), cfg.beamWidth(), cfg.constrainBio(), cfg.seed(),
                    t, cfg.decodeBatch());
            ExecutorModels.Handle handle = ExecutorModels.broadcast(jsc, manifest.runId() + "/generate=" + t, model);
            FaultPoints taskFaults = faults;
            JavaRDD<Candidate> candidates = train.mapPartitions(it -> {
                taskFaults.maybeFailTask("generate");
                return new CandidateGeneration(handle.get(), gs, corrector, reward, objective).apply(it);
            }).persist(StorageLevel.MEMORY_AND_DISK_SER());
            // Named call site: the Spark UI and event log show these stages as "groot generate ...".
            jsc.setCallSite("groot generate iteration " + t);
            rows = candidates.count();
            jsc.clearCallSite();
            clock.lap("generate");
            out.accept(String.format("  generated %,d candidates (%.1f s)", rows, clock.last()));
            faults.maybeKill("after-generate");
            store.write(t, candidates, faults);
            candidates.unpersist();
            handle.bytes().destroy();
            clock.lap("write");
        }

        CandidateStore.UpdateShare share = store.updateShare(t, cfg.minUpdateWeight());
        out.accept(String.format("  update: weighted teacher-forced NLL over %,d of %,d candidates (%,d of %,d tokens); "
                        + "%,d rows with |w| < %s left out, carrying %.3f%% of the total |w|",
                share.keptRows(), share.rows(), share.keptTokens(), share.tokens(), share.rows() - share.keptRows(),
                String.valueOf(cfg.minUpdateWeight()), 100 * (1 - share.keptWeightShare())));
        JavaRDD<WeightedSequence> weighted = store.weightedRows(t, examples, partitions(), cfg.minUpdateWeight())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        ComputationGraph net = model.networkCopy();
        if (!Double.isNaN(cfg.updateLearningRate())) {
            net.setLearningRate(cfg.updateLearningRate());
        }
        EpochFitter fitter = fitter(weighted, model.vocabularies());
        for (int epoch = 0; epoch < cfg.updateEpochs(); epoch++) {
            faults.maybeKill("during-update");
            double loss = fitter.fitEpoch(net, epoch);
            out.accept(String.format("  update epoch %d/%d: loss %.4f", epoch + 1, cfg.updateEpochs(), loss));
        }
        weighted.unpersist();
        TaggerModel updated = model.withNetwork(net, model.manifest().withExtras(
                Map.of("run_id", manifest.runId(), "iteration", String.valueOf(t))));
        clock.lap("update");
        return finishIteration(t, manifest, updated, rows, evaluation, clock);
    }

    /** Evaluate, checkpoint, then commit the manifest: the iteration exists from that moment on. */
    private RunManifest finishIteration(int t, RunManifest manifest, TaggerModel model, long candidateRows,
                                        DevEvaluation evaluation, Stopwatch clock) {
        DevEvaluation.Result eval = evaluation.evaluate(model);
        clock.lap("evaluate");
        MetricsStore.write(spark, layout, manifest.runId(), t, eval, conf);
        out.accept(String.format("  dev: %s", eval.headline()));

        faults.maybeKill("during-checkpoint");
        ModelIO.save(model, layout.model(t).toString(), conf);
        String sha = Checksums.sha256(SmallFiles.read(layout.model(t), conf));
        clock.lap("checkpoint");

        int best = manifest.bestIteration();
        double bestValue = best < 0 ? Double.NEGATIVE_INFINITY : manifest.iteration(best).devReward();
        if (eval.selection() > bestValue) {
            best = t;
        }
        IterationRecord record = new IterationRecord(t, layout.model(t).toString(), sha, candidateRows,
                eval.selection(), eval.flatMetrics(), clock.laps(), Instant.now().toString());
        RunManifest next = manifest.withIteration(record, best);
        faults.maybeKill("during-commit");
        RunManifests.commit(layout, next, conf);
        syncBest(next);
        out.accept(String.format("iteration %d committed: dev %s = %.4f (best: iteration %d) in %.1f s", t,
                cfg.rewardSpec(), eval.selection(), best, clock.total()));
        return next;
    }

    /** RUN_DIR/best always mirrors the manifest's best checkpoint (it is re-synced on every start). */
    private void syncBest(RunManifest m) {
        if (m.bestIteration() < 0) {
            return;
        }
        IterationRecord best = m.iteration(m.bestIteration());
        if (SmallFiles.exists(layout.best(), conf) && matches(layout.best(), best.modelSha256())) {
            return;
        }
        SmallFiles.writeAtomically(layout.best(), SmallFiles.read(layout.model(best.iteration()), conf), conf);
    }

    /** False also for a file that cannot be read back (e.g. the local file system's own checksum fails). */
    private boolean matches(org.apache.hadoop.fs.Path file, String sha256) {
        try {
            return Checksums.sha256(SmallFiles.read(file, conf)).equals(sha256);
        } catch (RuntimeException e) {
            out.accept(file + " is damaged (" + e.getMessage() + "); restoring it from its checkpoint");
            return false;
        }
    }

    private List<String> taskTags() {
        return ExampleData.read(spark, cfg.data()).select(org.apache.spark.sql.functions.explode(col("tags")))
                .distinct().collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }

    private boolean patienceExhausted(RunManifest m) {
        return m.lastIteration() - Math.max(m.bestIteration(), 0) >= cfg.patience() && m.lastIteration() > 0;
    }

    private EpochFitter fitter(JavaRDD<WeightedSequence> rows, Vocabularies vocab) {
        if (cfg.localUpdater()) {
            return new LocalEpochFitter(vocab, rows.collect(), cfg.master().batchSizePerWorker(), cfg.seed());
        }
        return new SparkEpochFitter(jsc, rows, vocab, cfg.master(), true);
    }

    private int partitions() {
        return cfg.master().workers() != null ? cfg.master().workers() : jsc.defaultParallelism();
    }

    private static String dataFingerprint(JavaRDD<Example> train) {
        long h = train.map(e -> (long) (e.id() + "\u0001" + String.join(" ", e.tokens()) + "\u0001"
                + String.join(" ", e.tags())).hashCode()).fold(0L, Long::sum);
        return Long.toHexString(h) + "-" + train.count();
    }

    /** Wall-clock seconds per stage of one iteration. */
    static final class Stopwatch {
        private final long start = System.nanoTime();
        private long lapStart = start;
        private double last;
        private final Map<String, Double> laps = new LinkedHashMap<>();

        void lap(String stage) {
            long now = System.nanoTime();
            last = (now - lapStart) / 1e9;
            laps.merge(stage, last, Double::sum);
            lapStart = now;
        }

        double last() {
            return last;
        }

        double total() {
            return (System.nanoTime() - start) / 1e9;
        }

        Map<String, Double> laps() {
            return new LinkedHashMap<>(laps);
        }
    }
}

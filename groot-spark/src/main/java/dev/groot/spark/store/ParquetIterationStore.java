package dev.groot.spark.store;

import dev.groot.model.data.Candidate;
import dev.groot.model.engine.Checkpoint;
import dev.groot.model.engine.CommittedIteration;
import dev.groot.model.engine.FaultHook;
import dev.groot.model.engine.IterationCounts;
import dev.groot.model.engine.IterationStore;
import dev.groot.model.engine.RunProgress;
import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run directory as an {@link IterationStore} (layout in {@link RunLayout}): candidates and
 * metrics as Parquet, model checkpoints, RUN_DIR/best and the run manifest as the commit log.
 * A checkpoint is serialised once: its bytes are written, hashed and, when it is the new best,
 * copied to RUN_DIR/best without reading the file back.
 */
public final class ParquetIterationStore implements IterationStore<JavaRDD<Candidate>> {

    private final SparkSession spark;
    private final Configuration conf;
    private final RunLayout layout;
    private final Map<String, String> identity;
    private final FaultHook faults;
    private final Consumer<String> out;
    private RunManifest manifest;
    private CandidateStore candidates;
    /** The newest checkpoint's bytes, so that syncing best does not read them back. */
    private int lastWritten = -1;
    private byte[] lastBytes;

    /** @param identity the options a resumed run must share with the original */
    public ParquetIterationStore(SparkSession spark, RunLayout layout, Map<String, String> identity, FaultHook faults,
                                 Consumer<String> out) {
        this.spark = spark;
        this.conf = spark.sparkContext().hadoopConfiguration();
        this.layout = layout;
        this.identity = Map.copyOf(identity);
        this.faults = faults;
        this.out = out;
    }

    /** Manifest options a resumed run may change. */
    static final Set<String> EXECUTION_OPTIONS = Set.of("updater", "workers");

    /** The newest committed state of RUN_DIR, or a new empty run. Damaged checkpoints roll back. */
    @Override
    public RunProgress open() {
        Optional<RunManifest> latest = RunManifests.latest(layout, conf);
        if (latest.isEmpty()) {
            String runId = layout.root().getName() + "-" + Instant.now().toString().replace(":", "");
            manifest = new RunManifest(RunManifest.SCHEMA_VERSION, runId, Instant.now().toString(), identity,
                    List.of(), -1);
        } else {
            manifest = checked(latest.get());
        }
        candidates = new CandidateStore(spark, layout, manifest.runId());
        return progress(manifest);
    }

    private RunManifest checked(RunManifest m) {
        for (Map.Entry<String, String> e : m.options().entrySet()) {
            // Where the updates run (updater, workers) does not change what the run computes: a run
            // started on a cluster may be finished elsewhere. The manifest keeps the starting path;
            // each checkpoint's provenance records the path that trained it.
            if (EXECUTION_OPTIONS.contains(e.getKey())) {
                continue;
            }
            if (!e.getValue().equals(identity.get(e.getKey()))) {
                throw new IllegalStateException(layout.root() + " was started with " + e.getKey() + "=" + e.getValue()
                        + " but this command has " + e.getKey() + "=" + identity.get(e.getKey())
                        + "; use a new --run directory or the original options");
            }
        }
        while (m.lastIteration() >= 0 && !checkpointIntact(m.iteration(m.lastIteration()))) {
            out.accept("checkpoint of iteration " + m.lastIteration() + " is damaged; resuming from iteration "
                    + (m.lastIteration() - 1));
            m = m.withoutLast();
        }
        if (m.lastIteration() >= 0) {
            out.accept("resuming run " + m.runId() + " after committed iteration " + m.lastIteration());
        }
        return m;
    }

    private boolean checkpointIntact(IterationRecord r) {
        try {
            return Checksums.sha256(SmallFiles.read(layout.model(r.iteration()), conf)).equals(r.modelSha256());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static RunProgress progress(RunManifest m) {
        return new RunProgress(m.runId(), m.iterations().stream()
                .map(r -> new CommittedIteration(r.iteration(), r.devReward())).toList(), m.bestIteration());
    }

    /** The committed manifest (after {@link #open}). */
    public RunManifest manifest() {
        return manifest;
    }

    public CandidateStore candidates() {
        return candidates;
    }

    @Override
    public boolean hasCandidates(int iteration) {
        return candidates.isCommitted(iteration);
    }

    @Override
    public long candidateCount(int iteration) {
        return candidates.count(iteration);
    }

    @Override
    public void writeCandidates(int iteration, JavaRDD<Candidate> rows) {
        candidates.write(iteration, rows, faults);
    }

    @Override
    public void writeMetrics(int iteration, EvaluationResult metrics) {
        MetricsStore.write(spark, layout, manifest.runId(), iteration, metrics, conf);
    }

    @Override
    public Checkpoint writeCheckpoint(int iteration, TaggerModel model) {
        byte[] bytes = ModelIO.toBytes(model);
        Path dest = layout.model(iteration);
        SmallFiles.writeAtomically(dest, bytes, conf);
        lastWritten = iteration;
        lastBytes = bytes;
        return new Checkpoint(dest.toString(), Checksums.sha256(bytes));
    }

    @Override
    public TaggerModel readCheckpoint(int iteration) {
        return ModelIO.load(layout.model(iteration).toString(), conf);
    }

    @Override
    public void commit(RunProgress next, int iteration, Checkpoint checkpoint, IterationCounts counts,
                       EvaluationResult metrics, Map<String, Double> seconds) {
        IterationRecord record = new IterationRecord(iteration, checkpoint.location(), checkpoint.sha256(),
                counts.candidateRows(), metrics.selection(), metrics.flatMetrics(), seconds, Instant.now().toString(),
                counts.named());
        RunManifest committed = manifest.withIteration(record, next.best());
        RunManifests.commit(layout, committed, conf);
        manifest = committed;
        if (committed.bestIteration() == iteration) {
            SmallFiles.writeAtomically(layout.best(), lastBytes, conf);
        }
    }

    /**
     * RUN_DIR/best mirrors the manifest's best checkpoint: written from the checkpoint's bytes
     * when an iteration becomes the best, verified and repaired here at the end of every run.
     */
    public void syncBest() {
        if (manifest.bestIteration() < 0) {
            return;
        }
        IterationRecord best = manifest.iteration(manifest.bestIteration());
        if (SmallFiles.exists(layout.best(), conf) && matches(layout.best(), best.modelSha256())) {
            return;
        }
        byte[] bytes = best.iteration() == lastWritten ? lastBytes : SmallFiles.read(layout.model(best.iteration()), conf);
        SmallFiles.writeAtomically(layout.best(), bytes, conf);
    }

    /** False also for a file that cannot be read back (e.g. the local file system's own checksum fails). */
    private boolean matches(Path file, String sha256) {
        try {
            return Checksums.sha256(SmallFiles.read(file, conf)).equals(sha256);
        } catch (RuntimeException e) {
            out.accept(file + " is damaged (" + e.getMessage() + "); restoring it from its checkpoint");
            return false;
        }
    }
}

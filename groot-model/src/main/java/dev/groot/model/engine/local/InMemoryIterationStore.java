package dev.groot.model.engine.local;

import dev.groot.model.data.Candidate;
import dev.groot.model.engine.Checkpoint;
import dev.groot.model.engine.IterationCounts;
import dev.groot.model.engine.IterationStore;
import dev.groot.model.engine.RunProgress;
import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link IterationStore} in memory. Checkpoints are kept as model file bytes, so a resumed
 * run reads exactly what a file store would give it. Reusing an instance resumes its run.
 */
public final class InMemoryIterationStore implements IterationStore<List<Candidate>> {

    private final String runId;
    private final Map<Integer, List<Candidate>> candidates = new TreeMap<>();
    private final Map<Integer, EvaluationResult> metrics = new TreeMap<>();
    private final Map<Integer, byte[]> checkpoints = new TreeMap<>();
    private final Map<Integer, IterationCounts> committedCounts = new TreeMap<>();
    private RunProgress progress;

    public InMemoryIterationStore(String runId) {
        this.runId = runId;
        this.progress = RunProgress.start(runId);
    }

    @Override
    public RunProgress open() {
        return progress;
    }

    @Override
    public boolean hasCandidates(int iteration) {
        return candidates.containsKey(iteration);
    }

    @Override
    public long candidateCount(int iteration) {
        return candidates(iteration).size();
    }

    @Override
    public void writeCandidates(int iteration, List<Candidate> rows) {
        candidates.put(iteration, List.copyOf(rows));
    }

    /** The stored candidates of an iteration, in the order they were generated. */
    public List<Candidate> candidates(int iteration) {
        List<Candidate> rows = candidates.get(iteration);
        if (rows == null) {
            throw new IllegalArgumentException("run " + runId + " has no candidates of iteration " + iteration);
        }
        return rows;
    }

    @Override
    public void writeMetrics(int iteration, EvaluationResult result) {
        metrics.put(iteration, result);
    }

    public EvaluationResult metrics(int iteration) {
        return metrics.get(iteration);
    }

    @Override
    public Checkpoint writeCheckpoint(int iteration, TaggerModel model) {
        byte[] bytes = ModelIO.toBytes(model);
        checkpoints.put(iteration, bytes);
        return new Checkpoint("memory:" + runId + "/iteration=" + iteration, sha256(bytes));
    }

    @Override
    public TaggerModel readCheckpoint(int iteration) {
        byte[] bytes = checkpoints.get(iteration);
        if (bytes == null) {
            throw new IllegalArgumentException("run " + runId + " has no checkpoint of iteration " + iteration);
        }
        return ModelIO.fromBytes(bytes);
    }

    /** The stored bytes of a checkpoint (a copy). */
    public byte[] checkpointBytes(int iteration) {
        return checkpoints.get(iteration).clone();
    }

    @Override
    public void commit(RunProgress next, int iteration, Checkpoint checkpoint, IterationCounts counts,
                       EvaluationResult result, Map<String, Double> seconds) {
        committedCounts.put(iteration, counts);
        progress = next;
    }

    /** Everything counted at each commit. */
    public Map<Integer, IterationCounts> committedCounts() {
        return Map.copyOf(committedCounts);
    }

    /** Candidate rows recorded at each commit. */
    public Map<Integer, Long> committedRows() {
        Map<Integer, Long> rows = new TreeMap<>();
        committedCounts.forEach((t, c) -> rows.put(t, c.candidateRows()));
        return rows;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

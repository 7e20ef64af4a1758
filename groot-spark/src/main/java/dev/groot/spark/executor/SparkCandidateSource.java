package dev.groot.spark.executor;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.CandidateSource;
import dev.groot.model.engine.GeneratedCandidates;
import dev.groot.model.engine.GrootMethod;
import dev.groot.model.engine.GrootStep;
import dev.groot.model.engine.HeldOutCandidates;
import dev.groot.model.engine.StepSettings;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.fault.FaultPoints;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The GROOT step (steps 1-4) mapped over the partitions of the persisted training RDD. The model
 * crosses to the executors once per iteration as a broadcast (deserialised once per executor);
 * with cross-fitting, the fold models, which never change, cross once per run, in slots of their own
 * (freed by {@link #close}). The candidates stay on the executors (cached) until the store has
 * written them, then the cache and the iteration's broadcast are freed.
 */
public final class SparkCandidateSource implements CandidateSource<JavaRDD<Candidate>>, AutoCloseable {

    private final JavaSparkContext jsc;
    private final JavaRDD<Example> train;
    private final StepSettings settings;
    private final GrootMethod method;
    private final String runId;
    private final FaultPoints faults;
    private final List<TaggerModel> foldModels;
    private final boolean foldModelP;
    /** The fold models' broadcasts, made by the first iteration that needs them. */
    private List<ExecutorModels.Handle> foldHandles;

    public SparkCandidateSource(JavaSparkContext jsc, JavaRDD<Example> train, StepSettings settings, GrootMethod method,
                                String runId, FaultPoints faults) {
        this(jsc, train, settings, method, runId, faults, List.of(), false);
    }

    /**
     * @param foldModels cross-fit fold models in fold order, for held-out candidates (empty = none)
     * @param foldModelP p of the contrast from the fold models' scores ({@link HeldOutCandidates#score})
     */
    public SparkCandidateSource(JavaSparkContext jsc, JavaRDD<Example> train, StepSettings settings, GrootMethod method,
                                String runId, FaultPoints faults, List<TaggerModel> foldModels, boolean foldModelP) {
        this.foldModels = List.copyOf(foldModels);
        this.foldModelP = foldModelP;
        this.jsc = jsc;
        this.train = train;
        this.settings = settings;
        this.method = method;
        this.runId = runId;
        this.faults = faults;
    }

    @Override
    public GeneratedCandidates<JavaRDD<Candidate>> generate(TaggerModel model, int iteration) {
        ExecutorModels.Handle handle = ExecutorModels.broadcast(jsc, runId + "/generate=" + iteration, model);
        List<ExecutorModels.Handle> foldHandles = foldHandles();
        StepSettings s = settings.forIteration(iteration);
        GrootMethod m = method;
        FaultPoints taskFaults = faults;
        boolean foldP = foldModelP;
        // Read right after the count below computes the cached RDD; a retried task may count its
        // partition twice (Spark counts accumulators exactly once only in actions).
        LongAccumulator dropped = jsc.sc().longAccumulator("groot invalid BIO dropped, iteration " + iteration);
        JavaRDD<Candidate> candidates = train.mapPartitions(it -> {
            taskFaults.maybeFailTask("generate");
            return new GrootStep(handle.get(), s, m).onInvalidDropped(dropped::add).withHeldOut(heldOut(foldHandles, foldP))
                    .apply(it);
        }).persist(StorageLevel.MEMORY_AND_DISK_SER());
        // Named call site: the Spark UI and event log show these stages as "groot generate ...".
        jsc.setCallSite("groot generate iteration " + iteration);
        long rows;
        long invalid;
        try {
            rows = candidates.count();
            invalid = dropped.value();
        } catch (RuntimeException e) {
            candidates.unpersist();
            handle.destroy();
            throw e;
        } finally {
            jsc.clearCallSite();
        }
        return new GeneratedCandidates<>() {
            @Override
            public JavaRDD<Candidate> candidates() {
                return candidates;
            }

            @Override
            public long rows() {
                return rows;
            }

            @Override
            public long droppedInvalid() {
                return invalid;
            }

            @Override
            public void close() {
                candidates.unpersist();
                handle.destroy();
            }
        };
    }

    /** The task's held-out candidates from its own copies of the fold models; null without cross-fitting. */
    private static HeldOutCandidates heldOut(List<ExecutorModels.Handle> foldHandles, boolean foldModelP) {
        if (foldHandles.isEmpty()) {
            return null;
        }
        List<TaggerModel> models = new ArrayList<>(foldHandles.size());
        for (ExecutorModels.Handle h : foldHandles) {
            models.add(h.get());
        }
        return new HeldOutCandidates(models, foldModelP);
    }

    /** A slot per fold beside the current model, broadcast on first use and kept for the run. */
    private List<ExecutorModels.Handle> foldHandles() {
        if (foldHandles == null) {
            List<ExecutorModels.Handle> handles = new ArrayList<>(foldModels.size());
            for (int f = 0; f < foldModels.size(); f++) {
                handles.add(ExecutorModels.broadcast(jsc, "fold=" + f, runId + "/fold=" + f, foldModels.get(f)));
            }
            foldHandles = List.copyOf(handles);
        }
        return foldHandles;
    }

    /** Frees the fold models' broadcasts (once no iteration will generate again). */
    @Override
    public void close() {
        if (foldHandles != null) {
            foldHandles.forEach(ExecutorModels.Handle::destroy);
            foldHandles = null;
        }
    }
}

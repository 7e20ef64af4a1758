package dev.groot.model.engine;

import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.train.EpochFitter;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A whole GROOT run: the warm start (iteration 0), then per iteration generate -> correct ->
 * score -> weigh (the {@link CandidateSource}), store, update, evaluate, checkpoint and commit,
 * until the iteration count or the patience runs out. Resumes after the last committed iteration
 * and redoes an interrupted one from scratch. The current model stays in memory from one
 * iteration to the next; it is read from the store only when a run resumes.
 *
 * @param <C> how the platform holds candidates
 */
public final class GrootTrainer<C> {

    private final IterationStore<C> store;
    private final WarmStart warmStart;
    private final CandidateSource<C> source;
    private final ModelUpdater updater;
    private final ModelEvaluator evaluator;
    private final TrainerSettings settings;
    private final FaultHook faults;
    private final Consumer<String> out;
    private IntConsumer committed = t -> { };

    public GrootTrainer(IterationStore<C> store, WarmStart warmStart, CandidateSource<C> source, ModelUpdater updater,
                        ModelEvaluator evaluator, TrainerSettings settings, FaultHook faults, Consumer<String> out) {
        this.store = store;
        this.warmStart = warmStart;
        this.source = source;
        this.updater = updater;
        this.evaluator = evaluator;
        this.settings = settings;
        this.faults = faults;
        this.out = out;
    }

    /** Called with the iteration number right after each commit (benchmarks measure per iteration). */
    public GrootTrainer<C> onCommit(IntConsumer listener) {
        this.committed = listener;
        return this;
    }

    /** Runs (or resumes) the run; returns its committed state. */
    public RunProgress run() {
        RunProgress progress = store.open();
        TaggerModel model = null;
        if (progress.lastIteration() < 0) {
            Stopwatch clock = new Stopwatch();
            model = stamped(warmStart.model(progress.runId()), 0, progress.runId());
            clock.lap("update");
            progress = finish(0, progress, model, IterationCounts.warmStart(), clock);
        }
        for (int t = progress.lastIteration() + 1; t <= settings.iterations(); t++) {
            if (progress.patienceExhausted(settings.patience())) {
                out.accept("early stop: dev reward has not improved for " + settings.patience() + " iterations");
                break;
            }
            Stopwatch clock = new Stopwatch();
            out.accept("iteration " + t + ": generate / correct / score with the model of iteration " + (t - 1));
            if (model == null) {
                model = store.readCheckpoint(t - 1);
                clock.lap("load");
            }
            IterationCounts counts = generateAndStore(model, t, clock);
            Updated updated = update(model, t);
            model = stamped(updated.model(), t, progress.runId());
            clock.lap("update");
            progress = finish(t, progress, model, counts.withUpdate(updated.keptRows(), updated.leftOutRows()), clock);
        }
        return progress;
    }

    private IterationCounts generateAndStore(TaggerModel model, int t, Stopwatch clock) {
        if (store.hasCandidates(t)) {
            long rows = store.candidateCount(t);
            out.accept(String.format(Locale.ROOT, "  candidates of iteration %d already stored (%,d rows): reusing them"
                    + " (their invalid-BIO count was logged by the attempt that generated them)", t, rows));
            return new IterationCounts(rows, IterationCounts.UNKNOWN, IterationCounts.UNKNOWN, IterationCounts.UNKNOWN);
        }
        IterationCounts counts;
        try (GeneratedCandidates<C> generated = source.generate(model, t)) {
            counts = new IterationCounts(generated.rows(), generated.droppedInvalid(), IterationCounts.UNKNOWN,
                    IterationCounts.UNKNOWN);
            clock.lap("generate");
            out.accept(String.format(Locale.ROOT, "  generated %,d candidates (%.1f s)%s", counts.candidateRows(), clock.last(),
                    counts.invalidBioDropped() == 0 ? "" : String.format(Locale.ROOT,
                            "; %,d invalid BIO candidates dropped before scoring", counts.invalidBioDropped())));
            faults.reached("after-generate");
            store.writeCandidates(t, generated.candidates());
        }
        clock.lap("write");
        return counts;
    }

    /** The updated model and how many stored rows the update kept and left out. */
    private record Updated(TaggerModel model, long keptRows, long leftOutRows) {
    }

    private Updated update(TaggerModel model, int t) {
        try (ModelUpdater.UpdateData data = updater.prepare(t, model)) {
            out.accept("  " + data.summary());
            ComputationGraph net = model.networkCopy();
            if (!Double.isNaN(settings.updateLearningRate())) {
                net.setLearningRate(settings.updateLearningRate());
            }
            EpochFitter fitter = data.fitter();
            for (int epoch = 1; epoch <= settings.updateEpochs(); epoch++) {
                faults.reached("during-update");
                double loss = fitter.fitEpoch(net, epoch);
                out.accept(String.format(Locale.ROOT, "  update epoch %d/%d: loss %.4f", epoch, settings.updateEpochs(),
                        loss));
            }
            return new Updated(model.withNetwork(net, model.manifest()), data.keptRows(), data.leftOutRows());
        }
    }

    /** The model's manifest records the run, the iteration and how the run trains (its provenance). */
    private TaggerModel stamped(TaggerModel model, int t, String runId) {
        Map<String, String> extras = new TreeMap<>(settings.provenance());
        extras.put("run_id", runId);
        extras.put("iteration", String.valueOf(t));
        return model.withManifest(model.manifest().withExtras(extras));
    }

    /** Evaluate, checkpoint, then commit: the iteration exists from that moment on. */
    private RunProgress finish(int t, RunProgress progress, TaggerModel model, IterationCounts counts, Stopwatch clock) {
        EvaluationResult eval = evaluator.evaluate(model);
        clock.lap("evaluate");
        store.writeMetrics(t, eval);
        out.accept("  dev: " + eval.headline());

        faults.reached("during-checkpoint");
        Checkpoint checkpoint = store.writeCheckpoint(t, model);
        clock.lap("checkpoint");

        RunProgress next = progress.with(new CommittedIteration(t, eval.selection()));
        faults.reached("during-commit");
        store.commit(next, t, checkpoint, counts, eval, clock.laps());
        out.accept(String.format(Locale.ROOT, "iteration %d committed: dev %s = %.4f (best: iteration %d) in %.1f s", t,
                settings.selectionName(), eval.selection(), next.best(), clock.total()));
        committed.accept(t);
        return next;
    }
}

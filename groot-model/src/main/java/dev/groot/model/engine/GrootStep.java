package dev.groot.model.engine;

import dev.groot.model.correct.Corrector;
import dev.groot.model.correct.InvalidBioFilter;
import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.objective.CandidateWeights;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * METHOD.md steps 1-4 of one GROOT iteration for a batch of examples: generate (beam top-K, plus
 * the held-out candidates of cross-fitting when given), correct, score (teacher-forced s(c) and rewards r(c)) and weigh (the objective's w_c). On a BIO
 * tag set, candidates that are invalid BIO sequences are dropped after correcting (and counted). Pure
 * given the model, settings and method: the same examples give the same candidates whatever
 * batch, partition or task attempt computes them. Not thread-safe (the model's network is not).
 */
public final class GrootStep {

    private final TaggerModel model;
    private final StepSettings settings;
    private final GrootMethod method;
    private final Corrector corrector;
    private final boolean bio;
    private LongConsumer invalidDropped = n -> { };
    private HeldOutCandidates heldOut;

    public GrootStep(TaggerModel model, StepSettings settings, GrootMethod method) {
        this.model = model;
        this.settings = settings;
        this.method = method;
        this.bio = model.vocabularies().isBio();
        this.corrector = method.corrector().forTagSet(bio);
    }

    /**
     * Receives, per batch, how many invalid BIO candidates were dropped before scoring (BIO tag
     * sets only), so the run can report them.
     */
    public GrootStep onInvalidDropped(LongConsumer sink) {
        this.invalidDropped = sink;
        return this;
    }

    /**
     * Adds each example's held-out candidates (cross-fitting) to its beam before correcting, so
     * they are corrected, scored and weighed like the beam's. Null = none.
     */
    public GrootStep withHeldOut(HeldOutCandidates candidates) {
        this.heldOut = candidates;
        return this;
    }

    /** Lazily processes examples batch by batch, so memory stays bounded. */
    public Iterator<Candidate> apply(Iterator<Example> examples) {
        return new BatchingIterator<>(examples, settings.batchSentences(), this::process);
    }

    /** The scored, weighted candidates of a batch, example by example in batch order, each set in rank order. */
    public List<Candidate> process(List<Example> batch) {
        for (Example e : batch) {
            model.vocabularies().checkTags(e);
        }
        List<List<Candidate>> beams = CandidateGenerator.generate(model, batch, settings);
        if (heldOut != null) {
            beams = heldOut.add(batch, beams, settings);
        }
        List<List<Candidate>> sets = new ArrayList<>(batch.size());
        long dropped = 0;
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.get(i);
            List<Candidate> set = corrector.correct(e, beams.get(i), settings.runSeed(), settings.iteration());
            if (bio) {
                // never let the update raise a sequence the constrained decoder cannot emit
                InvalidBioFilter.Result valid = InvalidBioFilter.filter(set, e.tags());
                set = valid.kept();
                dropped += valid.dropped();
            }
            sets.add(set);
        }
        if (dropped > 0) {
            invalidDropped.accept(dropped);
        }
        List<List<Candidate>> scored = heldOut != null && heldOut.foldModelP()
                ? heldOut.score(batch, sets, method.reward())
                : CandidateScorer.score(model, batch, sets, method.reward());
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.addAll(CandidateWeights.weigh(scored.get(i), batch.get(i).tags(), method.objective()));
        }
        return out;
    }
}

package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-fitted candidates (an extension of METHOD.md step 1): each example also gets the beam
 * top-K of the fold model that never trained on it ({@link CrossFitFolds}), appended after the
 * current model's beam as {@link Origin#HELD_OUT} candidates without a score, so the scorer gives
 * them s(c) under the current model. Sequences the current beam already holds are not repeated.
 * Why: on its own training sentences a tagger's beam top 1 is nearly always the gold, so without
 * these the contrast sees few of the errors the tagger makes on unseen sentences.
 */
public final class HeldOutCandidates {

    private final List<TaggerModel> foldModels;
    private final boolean foldModelP;

    /** @param foldModels per fold f, the model trained without fold f's sentences (at least 2) */
    public HeldOutCandidates(List<TaggerModel> foldModels) {
        this(foldModels, false);
    }

    /**
     * @param foldModelP score every candidate with the sentence's fold model instead of the current
     *                   model, so p of the contrast is what the tagger predicts on a sentence it has
     *                   not seen (see {@link #score})
     */
    public HeldOutCandidates(List<TaggerModel> foldModels, boolean foldModelP) {
        if (foldModels.size() < 2) {
            throw new IllegalArgumentException("cross-fitting needs a model per fold (at least 2), got "
                    + foldModels.size());
        }
        this.foldModels = List.copyOf(foldModels);
        this.foldModelP = foldModelP;
    }

    public int folds() {
        return foldModels.size();
    }

    /** True when {@link #score} replaces the current model's scores by the fold models'. */
    public boolean foldModelP() {
        return foldModelP;
    }

    /**
     * METHOD.md step 3 with s(c) from each example's fold model (teacher-forced, every candidate,
     * beam ones included), so p = softmax(s / tau_s) is the held-out model's distribution. Why:
     * the current model has memorised its training sentences and gives their errors p near 0, and
     * a candidate that both q and p find unlikely gets no weight; under the fold model the errors
     * it would make keep their mass, and the contrast pushes them down.
     *
     * @param sets per example (in batch order) its candidate set
     */
    public List<List<Candidate>> score(List<Example> batch, List<List<Candidate>> sets, Reward reward) {
        return perFold(batch, (model, at) -> {
            List<List<Candidate>> unscored = new ArrayList<>(at.size());
            for (int i : at) {
                unscored.add(sets.get(i).stream().map(c -> c.withLogProb(Double.NaN)).toList());
            }
            return CandidateScorer.score(model, examples(batch, at), unscored, reward);
        });
    }

    /**
     * @param beams per example (in batch order) the current model's beam candidates, ranks 0..n-1
     * @return per example its beam followed by the new held-out candidates, ranks continuing
     */
    public List<List<Candidate>> add(List<Example> batch, List<List<Candidate>> beams, StepSettings settings) {
        List<List<Candidate>> heldOut = generateByFold(batch, settings);
        List<List<Candidate>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<Candidate> merged = new ArrayList<>(beams.get(i));
            Set<List<String>> seen = new HashSet<>();
            for (Candidate c : merged) {
                seen.add(c.tags());
            }
            for (Candidate c : heldOut.get(i)) {
                if (seen.add(c.tags())) {
                    merged.add(Candidate.of(c.exampleId(), merged.size(), Origin.HELD_OUT, c.tags(), Double.NaN));
                }
            }
            out.add(merged);
        }
        return out;
    }

    /** One batched beam search per fold over the batch's examples of that fold; results in batch order. */
    private List<List<Candidate>> generateByFold(List<Example> batch, StepSettings settings) {
        return perFold(batch, (model, at) -> CandidateGenerator.generate(model, examples(batch, at), settings));
    }

    /** Work on one fold's examples (given by batch position) with that fold's model; one result per position. */
    private interface FoldWork {
        List<List<Candidate>> apply(TaggerModel foldModel, List<Integer> positions);
    }

    /** Runs {@code work} once per fold that has examples in the batch and puts its results back in batch order. */
    private List<List<Candidate>> perFold(List<Example> batch, FoldWork work) {
        List<List<Integer>> positions = byFold(batch);
        List<List<Candidate>> out = new ArrayList<>(java.util.Collections.nCopies(batch.size(), List.<Candidate>of()));
        for (int f = 0; f < folds(); f++) {
            List<Integer> at = positions.get(f);
            if (at.isEmpty()) {
                continue;
            }
            List<List<Candidate>> results = work.apply(foldModels.get(f), at);
            for (int j = 0; j < at.size(); j++) {
                out.set(at.get(j), results.get(j));
            }
        }
        return out;
    }

    private static List<Example> examples(List<Example> batch, List<Integer> positions) {
        return positions.stream().map(batch::get).toList();
    }

    /** Per fold, the batch positions of its examples. */
    private List<List<Integer>> byFold(List<Example> batch) {
        List<List<Integer>> positions = new ArrayList<>();
        for (int f = 0; f < folds(); f++) {
            positions.add(new ArrayList<>());
        }
        for (int i = 0; i < batch.size(); i++) {
            positions.get(CrossFitFolds.foldOf(batch.get(i).id(), folds())).add(i);
        }
        return positions;
    }
}

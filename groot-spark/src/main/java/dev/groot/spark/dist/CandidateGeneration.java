package dev.groot.spark.dist;

import dev.groot.model.correct.Corrector;
import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.objective.ContrastiveObjective;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The executor side of one GROOT iteration (METHOD.md steps 1-4) for a batch of examples:
 * beam top-K, correction, a teacher-forced pass for the added candidates, rewards, and the
 * contrastive weights. Pure given the model and settings: the same examples give the same
 * candidates whatever partition or task attempt computes them.
 */
public final class CandidateGeneration {

    private final TaggerModel model;
    private final GenerationSettings settings;
    private final Corrector corrector;
    private final Reward reward;
    private final ContrastiveObjective objective;

    public CandidateGeneration(TaggerModel model, GenerationSettings settings, Corrector corrector,
                               Reward reward, ContrastiveObjective objective) {
        this.model = model;
        this.settings = settings;
        this.corrector = corrector;
        this.reward = reward;
        this.objective = objective;
    }

    /** Lazily processes a partition batch by batch, so memory stays bounded. */
    public Iterator<Candidate> apply(Iterator<Example> examples) {
        return new BatchingIterator<>(examples, settings.batchSentences(), this::process);
    }

    public List<Candidate> process(List<Example> batch) {
        for (Example e : batch) {
            model.vocabularies().checkTags(e);
        }
        List<List<String>> sentences = new ArrayList<>(batch.size());
        for (Example e : batch) {
            sentences.add(e.tokens());
        }
        List<List<ScoredSequence>> beams = model.topK(sentences, settings.k(), settings.beamWidth(),
                settings.constrainBio() && model.vocabularies().isBio(), settings.batchSentences());

        List<List<Candidate>> sets = new ArrayList<>(batch.size());
        List<List<String>> toScoreTokens = new ArrayList<>();
        List<List<String>> toScoreTags = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.get(i);
            List<Candidate> beam = new ArrayList<>();
            List<ScoredSequence> top = beams.get(i);
            for (int r = 0; r < top.size(); r++) {
                beam.add(Candidate.of(e.id(), r, Origin.BEAM, top.get(r).tags(), top.get(r).logProb()));
            }
            List<Candidate> all = corrector.correct(e, beam, settings.runSeed(), settings.iteration());
            sets.add(all);
            for (Candidate c : all) {
                if (Double.isNaN(c.logProb())) {
                    toScoreTokens.add(e.tokens());
                    toScoreTags.add(c.tags());
                }
            }
        }
        double[] scores = toScoreTags.isEmpty() ? new double[0] : model.logProbs(toScoreTokens, toScoreTags);

        List<Candidate> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            Example e = batch.get(i);
            List<Candidate> set = sets.get(i);
            double[] rewards = new double[set.size()];
            double[] logProbs = new double[set.size()];
            int gold = -1;
            List<Candidate> scored = new ArrayList<>(set.size());
            for (int c = 0; c < set.size(); c++) {
                Candidate cand = set.get(c);
                if (Double.isNaN(cand.logProb())) {
                    cand = cand.withLogProb(scores[next++]);
                }
                cand = cand.withReward(reward.score(e.tags(), cand.tags()));
                rewards[c] = cand.reward();
                logProbs[c] = cand.logProb();
                if (cand.origin() == Origin.GOLD || (gold < 0 && cand.tags().equals(e.tags()))) {
                    gold = c;
                }
                scored.add(cand);
            }
            double[] weights = objective.weights(rewards, logProbs, gold);
            for (int c = 0; c < scored.size(); c++) {
                out.add(scored.get(c).withWeight(weights[c]));
            }
        }
        return out;
    }
}

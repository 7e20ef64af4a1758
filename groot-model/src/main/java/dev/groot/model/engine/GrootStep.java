package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.objective.CandidateWeights;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * METHOD.md steps 1-4 of one GROOT iteration for a batch of examples: generate (beam top-K),
 * correct, score (teacher-forced s(c) and rewards r(c)) and weigh (the objective's w_c). Pure
 * given the model, settings and method: the same examples give the same candidates whatever
 * batch, partition or task attempt computes them. Not thread-safe (the model's network is not).
 */
public final class GrootStep {

    private final TaggerModel model;
    private final StepSettings settings;
    private final GrootMethod method;

    public GrootStep(TaggerModel model, StepSettings settings, GrootMethod method) {
        this.model = model;
        this.settings = settings;
        this.method = method;
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
        List<List<Candidate>> sets = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            sets.add(method.corrector().correct(batch.get(i), beams.get(i), settings.runSeed(), settings.iteration()));
        }
        List<List<Candidate>> scored = CandidateScorer.score(model, batch, sets, method.reward());
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.addAll(CandidateWeights.weigh(scored.get(i), batch.get(i).tags(), method.objective()));
        }
        return out;
    }
}

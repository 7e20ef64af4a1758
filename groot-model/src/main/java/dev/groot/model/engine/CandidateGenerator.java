package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.List;

/**
 * METHOD.md step 1, generate: one batched beam search returns each example's top-K distinct
 * sequences as {@link Origin#BEAM} candidates, ranked 0..K-1, with their model scores s(c).
 */
public final class CandidateGenerator {

    private CandidateGenerator() {
    }

    /** @return per example (in batch order) its beam candidates */
    public static List<List<Candidate>> generate(TaggerModel model, List<Example> batch, StepSettings settings) {
        List<List<String>> sentences = new ArrayList<>(batch.size());
        for (Example e : batch) {
            sentences.add(e.tokens());
        }
        List<List<ScoredSequence>> beams = model.topK(sentences, settings.k(), settings.beamWidth(),
                settings.constrainBio() && model.vocabularies().isBio(), settings.batchSentences());
        List<List<Candidate>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.get(i).id();
            List<ScoredSequence> top = beams.get(i);
            List<Candidate> beam = new ArrayList<>(top.size());
            for (int r = 0; r < top.size(); r++) {
                beam.add(Candidate.of(id, r, Origin.BEAM, top.get(r).tags(), top.get(r).logProb()));
            }
            out.add(beam);
        }
        return out;
    }
}

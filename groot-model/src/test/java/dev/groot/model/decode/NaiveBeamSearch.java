package dev.groot.model.decode;

import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference decoder for cross-checks (test code): one full teacher-forced network call per
 * sentence per step over that sentence's beam prefixes (quadratic in length, no batching across
 * sentences). Same selection rule as {@link BeamSearch}, so the results must be identical.
 */
final class NaiveBeamSearch {
    private final GraphScorer scorer;
    private final Vocabularies vocab;

    NaiveBeamSearch(ComputationGraph net, Vocabularies vocab) {
        this.scorer = new GraphScorer(net, vocab);
        this.vocab = vocab;
    }

    List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth,
                                           TransitionConstraint constraint) {
        BeamSearch.checkWidths(k, beamWidth);
        List<List<ScoredSequence>> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            out.add(decode(s, k, beamWidth, constraint));
        }
        return out;
    }

    private List<ScoredSequence> decode(List<String> sentence, int k, int width, TransitionConstraint constraint) {
        int n = sentence.size();
        if (n == 0) {
            return List.of(new ScoredSequence(List.of(), 0.0));
        }
        int nTags = vocab.numTags();
        List<int[]> hyps = new ArrayList<>(List.of(new int[0]));
        double[] scores = {0.0};
        int[] selParent = new int[width];
        int[] selTag = new int[width];
        double[] selScore = new double[width];
        int count = 0;
        for (int t = 0; t < n; t++) {
            // Prefix rows; positions after t are filler (the decoder is causal, they cannot matter).
            List<List<String>> x = new ArrayList<>(hyps.size());
            List<List<String>> y = new ArrayList<>(hyps.size());
            int[] prev = new int[hyps.size()];
            for (int[] h : hyps) {
                String[] tags = new String[n];
                Arrays.fill(tags, vocab.tag(0));
                for (int i = 0; i < h.length; i++) {
                    tags[i] = vocab.tag(h[i]);
                }
                x.add(sentence);
                y.add(Arrays.asList(tags));
            }
            for (int r = 0; r < hyps.size(); r++) {
                prev[r] = t == 0 ? vocab.bosIndex() : hyps.get(r)[t - 1];
            }
            float[] all = scorer.positionLogProbs(x, y, n).dup('c').data().asFloat();
            float[] logp = new float[hyps.size() * nTags];
            for (int r = 0; r < hyps.size(); r++) {
                System.arraycopy(all, (r * n + t) * nTags, logp, r * nTags, nTags);
            }
            count = BeamSelector.select(logp, nTags, 0, hyps.size(), scores, prev, constraint, width,
                    selParent, selTag, selScore, 0);
            List<int[]> next = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                int[] h = Arrays.copyOf(hyps.get(selParent[j]), t + 1);
                h[t] = selTag[j];
                next.add(h);
            }
            hyps = next;
            scores = Arrays.copyOf(selScore, count);
        }
        List<ScoredSequence> result = new ArrayList<>();
        for (int j = 0; j < Math.min(k, count); j++) {
            List<String> tags = new ArrayList<>(n);
            for (int tag : hyps.get(j)) {
                tags.add(vocab.tag(tag));
            }
            result.add(new ScoredSequence(tags, scores[j]));
        }
        return result;
    }
}

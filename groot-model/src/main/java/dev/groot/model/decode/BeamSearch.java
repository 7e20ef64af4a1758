package dev.groot.model.decode;

import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched beam search: the encoder runs once per length-sorted batch of sentences; then each
 * step advances ALL live beams of ALL sentences of the batch with one {@link LstmStep#step},
 * picks each sentence's best extensions from the step's log-probabilities and reorders the
 * beam states with one gather. Returns, per sentence, the top-K distinct complete sequences with
 * their exact s(y), best first. Thread-safe (buffers per concurrent call from the {@link StepDecoder}).
 */
public final class BeamSearch {
    private final StepDecoder decoder;
    private final Vocabularies vocab;

    public BeamSearch(ComputationGraph trained, TaggerConfig config, Vocabularies vocab) {
        this(new StepDecoder(trained, config, vocab));
    }

    public BeamSearch(StepDecoder decoder) {
        this.decoder = decoder;
        this.vocab = decoder.vocab();
    }

    /** {@link #topK(List, int, int, TransitionConstraint, int)} in batches of {@link StepDecoder#DEFAULT_DECODE_BATCH}. */
    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth,
                                           TransitionConstraint constraint) {
        return topK(sentences, k, beamWidth, constraint, StepDecoder.DEFAULT_DECODE_BATCH);
    }

    /**
     * @param batchSentences sentences decoded together (sorted by length first, so a batch's
     *                       sentences have similar lengths); their beams are the rows of one step
     */
    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth,
                                           TransitionConstraint constraint, int batchSentences) {
        checkWidths(k, beamWidth);
        StepDecoder.checkBatch(batchSentences);
        List<List<ScoredSequence>> results = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            results.add(null);
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Length-sorted batches: sentences of a batch finish together.
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sentences.get(i).size()).thenComparingInt(i -> i));
        int from = 0;
        while (from < order.length && sentences.get(order[from]).isEmpty()) {
            results.set(order[from], List.of(new ScoredSequence(List.of(), 0.0)));
            from++;
        }
        StepDecoder.Scratch scratch = decoder.acquire();
        try {
            for (; from < order.length; from += batchSentences) {
                int to = Math.min(order.length, from + batchSentences);
                List<List<String>> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batch.add(sentences.get(order[i]));
                }
                List<List<ScoredSequence>> decoded = decodeBatch(batch, k, beamWidth, constraint, scratch);
                for (int i = from; i < to; i++) {
                    results.set(order[i], decoded.get(i - from));
                }
            }
        } finally {
            decoder.release(scratch);
        }
        return results;
    }

    static void checkWidths(int k, int beamWidth) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (beamWidth < k) {
            throw new IllegalArgumentException("beam width must be >= k, got width " + beamWidth + " for k " + k);
        }
    }

    private List<List<ScoredSequence>> decodeBatch(List<List<String>> batch, int k, int width,
                                                   TransitionConstraint constraint, StepDecoder.Scratch scratch) {
        int nSent = batch.size();
        int nTags = vocab.numTags();
        LstmStep step = decoder.step();
        LstmEncoder.Encoded encoded = decoder.encoder().encode(batch, scratch.encoderSpace);
        float[] encProj = step.projectEncoder(encoded, scratch.stepSpace);
        int maxLen = 0;
        for (List<String> s : batch) {
            maxLen = Math.max(maxLen, s.size());
        }

        // Live rows: one per hypothesis, grouped by sentence in sentence order.
        int rows = nSent;
        int[] rowSent = new int[rows];
        int[] rowPrev = new int[rows];
        double[] rowScore = new double[rows];
        for (int s = 0; s < nSent; s++) {
            rowSent[s] = s;
            rowPrev[s] = vocab.bosIndex();
        }
        scratch.reset(nSent * width);
        int[] encRows = new int[nSent * width];
        List<int[]> parentHist = new ArrayList<>(maxLen);
        List<int[]> tagHist = new ArrayList<>(maxLen);
        List<List<ScoredSequence>> out = new ArrayList<>(nSent);
        for (int s = 0; s < nSent; s++) {
            out.add(null);
        }
        int[] selParent = new int[width];
        int[] selTag = new int[width];
        double[] selScore = new double[width];

        for (int t = 0; rows > 0; t++) {
            for (int r = 0; r < rows; r++) {
                encRows[r] = encoded.offsets()[rowSent[r]] + t;
            }
            step.step(scratch.stepSpace, rows, rowPrev, encRows, encProj, scratch.h, scratch.c, t == 0, scratch.logp);
            float[] logp = scratch.logp;

            int cap = rows * width;
            int[] nextParent = new int[cap];
            int[] nextTag = new int[cap];
            int[] nextSent = new int[cap];
            double[] nextScore = new double[cap];
            int next = 0;
            int r = 0;
            while (r < rows) {
                int s = rowSent[r];
                int end = r;
                while (end < rows && rowSent[end] == s) {
                    end++;
                }
                int n = BeamSelector.select(logp, nTags, r, end, rowScore, rowPrev, constraint, width,
                        selParent, selTag, selScore, 0);
                if (t == batch.get(s).size() - 1) {
                    out.set(s, finish(n, k, t, selParent, selTag, selScore, parentHist, tagHist));
                } else {
                    for (int j = 0; j < n; j++, next++) {
                        nextParent[next] = selParent[j];
                        nextTag[next] = selTag[j];
                        nextScore[next] = selScore[j];
                        nextSent[next] = s;
                    }
                }
                r = end;
            }
            rows = next;
            if (rows == 0) {
                break;
            }
            int[] parents = Arrays.copyOf(nextParent, rows);
            parentHist.add(parents);
            tagHist.add(Arrays.copyOf(nextTag, rows));
            rowSent = Arrays.copyOf(nextSent, rows);
            rowPrev = Arrays.copyOf(nextTag, rows);
            rowScore = Arrays.copyOf(nextScore, rows);
            scratch.reorder(parents, rows);
        }
        return out;
    }

    /** The sentence's final hypotheses (sorted) -> top k sequences, rebuilt from the back-pointers. */
    private List<ScoredSequence> finish(int n, int k, int last, int[] parent, int[] tag, double[] score,
                                        List<int[]> parentHist, List<int[]> tagHist) {
        List<ScoredSequence> result = new ArrayList<>(Math.min(n, k));
        for (int j = 0; j < Math.min(n, k); j++) {
            String[] tags = new String[last + 1];
            tags[last] = vocab.tag(tag[j]);
            int row = parent[j];
            for (int t = last - 1; t >= 0; t--) {
                tags[t] = vocab.tag(tagHist.get(t)[row]);
                row = parentHist.get(t)[row];
            }
            result.add(new ScoredSequence(Arrays.asList(tags), score[j]));
        }
        return result;
    }
}

package dev.groot.model.decode;

import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.train.NativeMemoryReclaimer;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched beam search: the encoder runs once per length-sorted batch of sentences; then each
 * step advances ALL live beams of ALL sentences of the batch with one {@link LstmStep}, reorders
 * the beam states with one gather and picks each sentence's best extensions on the CPU.
 * Returns, per sentence, the top-K distinct complete sequences with their exact s(y), best first.
 * Thread-safe: encoder and step are immutable matrices (no DL4J layer state).
 */
public final class BeamSearch {
    /** Sentences per encoder call / decoding batch; beams multiply the decoder rows. */
    public static final int DEFAULT_BATCH_SENTENCES = 128;

    private final Vocabularies vocab;
    private final LstmEncoder encoder;
    private final LstmStep step;
    private final int batchSentences;

    public BeamSearch(ComputationGraph trained, TaggerConfig config, Vocabularies vocab) {
        this(trained, config, vocab, DEFAULT_BATCH_SENTENCES);
    }

    public BeamSearch(ComputationGraph trained, TaggerConfig config, Vocabularies vocab, int batchSentences) {
        if (batchSentences <= 0) {
            throw new IllegalArgumentException("batchSentences must be > 0, got " + batchSentences);
        }
        this.vocab = vocab;
        this.encoder = new LstmEncoder(trained, config, vocab);
        this.step = new LstmStep(trained, config);
        this.batchSentences = batchSentences;
    }

    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth,
                                           TransitionConstraint constraint) {
        checkWidths(k, beamWidth);
        List<List<ScoredSequence>> results = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            results.add(null);
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Length-sorted batches: little padding, and sentences of a batch finish together.
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sentences.get(i).size()).thenComparingInt(i -> i));
        int from = 0;
        while (from < order.length && sentences.get(order[from]).isEmpty()) {
            results.set(order[from], List.of(new ScoredSequence(List.of(), 0.0)));
            from++;
        }
        for (; from < order.length; from += batchSentences) {
            NativeMemoryReclaimer.SHARED.maybeCollect();
            int to = Math.min(order.length, from + batchSentences);
            List<List<String>> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(sentences.get(order[i]));
            }
            List<List<ScoredSequence>> decoded = decodeBatch(batch, k, beamWidth, constraint);
            for (int i = from; i < to; i++) {
                results.set(order[i], decoded.get(i - from));
            }
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
                                                   TransitionConstraint constraint) {
        int nSent = batch.size();
        int maxLen = TrainingBatches.maxLength(batch);
        int nTags = vocab.numTags();
        INDArray encProj = step.projectEncoder(encoder.encodeRows(batch, maxLen));

        // Live rows: one per hypothesis, grouped by sentence in sentence order.
        int rows = nSent;
        int[] rowSent = new int[rows];
        int[] rowPrev = new int[rows];
        double[] rowScore = new double[rows];
        for (int s = 0; s < nSent; s++) {
            rowSent[s] = s;
            rowPrev[s] = vocab.bosIndex();
        }
        INDArray[] state = {Nd4j.zeros(DataType.FLOAT, rows, step.hidden()), Nd4j.zeros(DataType.FLOAT, rows, step.hidden())};
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
            int[] projRows = new int[rows];
            for (int r = 0; r < rows; r++) {
                projRows[r] = rowSent[r] * maxLen + t;
            }
            step.advance(LstmStep.gather(encProj, projRows), rowPrev, state);
            float[] logp = LstmStep.rowMajor(step.logProbs(state[0]));

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
            state[0] = LstmStep.gather(state[0], parents);
            state[1] = LstmStep.gather(state[1], parents);
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

package dev.groot.model.decode;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * s(y) = log p(y | x) by teacher forcing on the same plain-matrix path as {@link BeamSearch}:
 * candidates of the same sentence (equal token lists) share one encoder pass, and all candidate
 * rows of a batch of sentences go through each decoder step together, longest first, so the rows
 * still running are a prefix and need no reordering. Equal to the DL4J training graph's
 * teacher-forced log-probabilities (tested to 1e-4). Thread-safe.
 */
public final class TeacherForcedScorer {
    private final StepDecoder decoder;
    private final Vocabularies vocab;

    public TeacherForcedScorer(ComputationGraph net, TaggerConfig config, Vocabularies vocab) {
        this(new StepDecoder(net, config, vocab));
    }

    public TeacherForcedScorer(StepDecoder decoder) {
        this.decoder = decoder;
        this.vocab = decoder.vocab();
    }

    public double[] logProbs(List<List<String>> tokens, List<List<String>> tags) {
        return logProbs(tokens, tags, StepDecoder.DEFAULT_DECODE_BATCH);
    }

    /** @param batchSentences distinct sentences encoded together; all their rows are decoded together */
    public double[] logProbs(List<List<String>> tokens, List<List<String>> tags, int batchSentences) {
        StepDecoder.checkBatch(batchSentences);
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException(tokens.size() + " sentences but " + tags.size() + " tag sequences");
        }
        // Distinct sentences, each with the rows (candidates) that score a tagging of it.
        Map<List<String>, Integer> sentenceIds = new HashMap<>();
        List<List<String>> sentences = new ArrayList<>();
        List<List<Integer>> rowsOf = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<String> x = tokens.get(i);
            if (x.size() != tags.get(i).size()) {
                throw new IllegalArgumentException("sequence " + i + ": " + x.size() + " tokens but "
                        + tags.get(i).size() + " tags");
            }
            Integer id = sentenceIds.get(x);
            if (id == null) {
                id = sentences.size();
                sentenceIds.put(x, id);
                sentences.add(x);
                rowsOf.add(new ArrayList<>());
            }
            rowsOf.get(id).add(i);
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sentences.get(i).size()).thenComparingInt(i -> i));
        double[] out = new double[tokens.size()];
        StepDecoder.Scratch scratch = decoder.acquire();
        try {
            for (int from = 0; from < order.length; from += batchSentences) {
                int to = Math.min(order.length, from + batchSentences);
                List<List<String>> batch = new ArrayList<>(to - from);
                List<List<Integer>> batchRows = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batch.add(sentences.get(order[i]));
                    batchRows.add(rowsOf.get(order[i]));
                }
                scoreBatch(batch, batchRows, tags, out, scratch);
            }
        } finally {
            decoder.release(scratch);
        }
        return out;
    }

    private void scoreBatch(List<List<String>> batch, List<List<Integer>> batchRows, List<List<String>> tags,
                            double[] out, StepDecoder.Scratch scratch) {
        LstmStep step = decoder.step();
        int nTags = vocab.numTags();
        // Rows longest first: at step t the rows still running are rows [0, alive).
        List<int[]> rows = new ArrayList<>(); // {input row, sentence in batch}
        for (int s = 0; s < batch.size(); s++) {
            for (int i : batchRows.get(s)) {
                rows.add(new int[]{i, s});
            }
        }
        rows.sort(Comparator.comparingInt((int[] r) -> -batch.get(r[1]).size()));
        int n = rows.size();
        int[][] tagIds = new int[n][];
        int[] length = new int[n];
        for (int r = 0; r < n; r++) {
            List<String> y = tags.get(rows.get(r)[0]);
            tagIds[r] = new int[y.size()];
            for (int t = 0; t < y.size(); t++) {
                tagIds[r][t] = vocab.tagIndex(y.get(t));
            }
            length[r] = y.size();
        }
        LstmEncoder.Encoded encoded = decoder.encoder().encode(batch, scratch.encoderSpace);
        float[] encProj = step.projectEncoder(encoded, scratch.stepSpace);
        scratch.reset(n);
        int[] prev = new int[n];
        int[] encRows = new int[n];
        double[] sum = new double[n];
        Arrays.fill(prev, vocab.bosIndex());
        int alive = n;
        for (int t = 0; alive > 0; t++) {
            while (alive > 0 && length[alive - 1] <= t) {
                alive--;
            }
            if (alive == 0) {
                break;
            }
            for (int r = 0; r < alive; r++) {
                encRows[r] = encoded.offsets()[rows.get(r)[1]] + t;
            }
            step.step(scratch.stepSpace, alive, prev, encRows, encProj, scratch.h, scratch.c, t == 0, scratch.logp);
            for (int r = 0; r < alive; r++) {
                int y = tagIds[r][t];
                sum[r] += scratch.logp[r * nTags + y];
                prev[r] = y;
            }
        }
        for (int r = 0; r < n; r++) {
            out[rows.get(r)[0]] = sum[r];
        }
    }
}

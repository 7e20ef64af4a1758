package dev.groot.model.update;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.NativeMemoryReclaimer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Single-JVM epochs of the sentence-grouped update. The grouped graph lives here across epochs
 * (with its updater state): on the first call it takes the standard net's parameters, and after
 * every epoch its parameters are copied back into the standard net, so callers keep seeing an
 * ordinary tagger graph. The updater state starts fresh in the grouped graph (it is not converted
 * from the standard net). Epoch order, a deterministic function of (seed, epoch): groups shuffled,
 * sorted by length within windows of 32 minibatches, cut into minibatches of whole groups of at most
 * {@code rowsPerBatch} rows, minibatches shuffled.
 */
public final class GroupedLocalEpochFitter implements EpochFitter {
    private static final int SORT_WINDOW_BATCHES = 32;

    private final Vocabularies vocab;
    private final TaggerConfig config;
    private final List<SentenceGroup> groups;
    private final int rowsPerBatch;
    private final long seed;
    private final long rowTokens;
    private ComputationGraph grouped;
    private ComputationGraph boundTo;

    public GroupedLocalEpochFitter(Vocabularies v, TaggerConfig c, List<SentenceGroup> groups, int rowsPerBatch, long seed) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no sentence groups to train on");
        }
        if (rowsPerBatch <= 0) {
            throw new IllegalArgumentException("rowsPerBatch must be > 0, got " + rowsPerBatch);
        }
        this.vocab = v;
        this.config = c;
        this.groups = List.copyOf(groups);
        this.rowsPerBatch = rowsPerBatch;
        this.seed = seed;
        this.rowTokens = groups.stream().mapToLong(SentenceGroup::rowTokens).sum();
    }

    /** @return the mean over rows of the minibatch scores (weighted NLL per row plus L2), as LocalEpochFitter */
    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        if (grouped == null || boundTo != net) {
            grouped = NetworkFactory.buildGrouped(config, vocab);
            GroupedParams.toGrouped(net, grouped);
            boundTo = net;
        }
        double lossSum = 0;
        long rows = 0;
        for (List<SentenceGroup> batch : batches(epoch)) {
            MultiDataSet mds = GroupedBatches.build(vocab, batch);
            grouped.fit(mds);
            NativeMemoryReclaimer.SHARED.maybeCollect();
            int n = batch.stream().mapToInt(g -> g.rows().size()).sum();
            lossSum += grouped.score() * n;
            rows += n;
        }
        GroupedParams.toStandard(grouped, net);
        return lossSum / rows;
    }

    /** The epoch's minibatches of whole groups, in training order. */
    List<List<SentenceGroup>> batches(int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<SentenceGroup> order = new ArrayList<>(groups);
        Collections.shuffle(order, random);
        int window = Math.max(1, rowsPerBatch * SORT_WINDOW_BATCHES);
        List<List<SentenceGroup>> batches = new ArrayList<>();
        int from = 0;
        while (from < order.size()) {
            int to = from;
            int windowRows = 0;
            while (to < order.size() && (to == from || windowRows + order.get(to).rows().size() <= window)) {
                windowRows += order.get(to).rows().size();
                to++;
            }
            List<SentenceGroup> chunk = new ArrayList<>(order.subList(from, to));
            chunk.sort(Comparator.comparingInt(g -> g.tokens().size()));
            batches.addAll(GroupedBatches.chunks(chunk, rowsPerBatch));
            from = to;
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Row tokens (tokens x candidate rows) per epoch: what the standard path would count. */
    @Override
    public long tokensPerEpoch() {
        return rowTokens;
    }
}

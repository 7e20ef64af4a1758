package dev.groot.model.update;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.EpochFitter;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Trains a standard tagger graph through the sentence-grouped graph: the grouped graph (and its
 * updater state) lives here across epochs; on the first call it takes the standard net's
 * parameters, each epoch is fitted on it by an inner fitter (local or Spark, over
 * {@link GroupedBatches#UNITS}), and after every epoch its parameters are copied back into the
 * standard net, so callers (NLL trainer, GROOT update, evaluation, checkpoints) keep seeing an
 * ordinary tagger graph. The optimizer state (Adam's moments, iteration count) is copied back with
 * the parameters, so every stored model holds the state it was trained to; it is taken from the
 * standard net only with {@code continueOptimizerState} and only if the net holds one, otherwise
 * the grouped graph starts a fresh state ({@link OptimizerStates}).
 */
public final class GroupedGraphFitter implements EpochFitter {
    private final TaggerConfig config;
    private final Vocabularies vocab;
    private final EpochFitter inner;
    private final boolean continueOptimizerState;
    private ComputationGraph grouped;
    private ComputationGraph boundTo;

    /** A fitter that starts a fresh optimizer state. */
    public GroupedGraphFitter(TaggerConfig config, Vocabularies vocab, EpochFitter inner) {
        this(config, vocab, inner, false);
    }

    /**
     * @param inner                  fits one epoch of sentence groups on the grouped graph it is given
     * @param continueOptimizerState start from the standard net's optimizer state when it holds one
     */
    public GroupedGraphFitter(TaggerConfig config, Vocabularies vocab, EpochFitter inner, boolean continueOptimizerState) {
        this.config = config;
        this.vocab = vocab;
        this.inner = inner;
        this.continueOptimizerState = continueOptimizerState;
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        if (grouped == null || boundTo != net) {
            grouped = NetworkFactory.buildGrouped(config, vocab);
            GroupedParams.toGrouped(net, grouped);
            if (continueOptimizerState && OptimizerStates.hasState(net)) {
                OptimizerStates.toGrouped(net, grouped);
            }
            // The caller may have changed the standard net's learning rate (GROOT's --update-lr).
            Double lr = net.getLearningRate(NetworkFactory.OUTPUT);
            if (lr != null) {
                grouped.setLearningRate(lr);
            }
            boundTo = net;
        }
        double loss = inner.fitEpoch(grouped, epoch);
        GroupedParams.toStandard(grouped, net);
        OptimizerStates.toStandard(grouped, net);
        return loss;
    }

    @Override
    public long tokensPerEpoch() {
        return inner.tokensPerEpoch();
    }
}

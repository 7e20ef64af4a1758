package dev.groot.model.train;

import dev.groot.model.tagger.TaggerModel;

/** The model-selection metric on held-out data; higher is better. */
@FunctionalInterface
public interface DevEvaluator {
    double evaluate(TaggerModel model);
}

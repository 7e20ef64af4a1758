package dev.groot.model.engine;

import dev.groot.model.tagger.TaggerModel;

/** Iteration 0: the model GROOT starts from (NLL training on gold, or a given model). */
@FunctionalInterface
public interface WarmStart {
    TaggerModel model(String runId);
}

package dev.groot.model.engine;

import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.tagger.TaggerModel;

/** Top-K decoding of the dev split and its metrics; the first reward selects the best iteration. */
@FunctionalInterface
public interface ModelEvaluator {
    EvaluationResult evaluate(TaggerModel model);
}

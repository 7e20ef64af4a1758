package dev.groot.model.reward;

import java.io.Serializable;
import java.util.List;

/**
 * A black-box sequence reward in [0, 1], called as {@code score(gold, predicted)}: the gold tags
 * FIRST, the candidate's tags second. (METHOD.md writes r(c) = R(c, y*); in code that is
 * {@code score(y*, c)}.) Implementations must be pure, deterministic and thread-safe: they run on
 * executors, possibly many times for the same input. A user reward class needs a public
 * no-argument constructor or a constructor taking {@code Map<String,String>} (the options of its
 * spec string).
 */
public interface Reward extends Serializable {

    /** The spec string that recreates this reward, e.g. {@code span-fbeta:beta=0.5}. */
    String name();

    /**
     * @param gold      the reference tags y* of the sentence (first!)
     * @param predicted the candidate's tags c, same length as gold
     * @return the reward of predicted against gold, in [0, 1]; e.g. span precision is
     *         correct spans / spans in {@code predicted}, span recall correct / spans in {@code gold}
     */
    double score(List<String> gold, List<String> predicted);
}

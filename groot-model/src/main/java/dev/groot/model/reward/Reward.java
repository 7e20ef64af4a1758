package dev.groot.model.reward;

import java.io.Serializable;
import java.util.List;

/**
 * A black-box sequence reward R(predicted, gold) in [0, 1]. Implementations must be pure,
 * deterministic and thread-safe: they run on executors, possibly many times for the same input.
 * A user reward class needs a public no-argument constructor or a constructor taking
 * {@code Map<String,String>} (the options of its spec string).
 */
public interface Reward extends Serializable {

    /** The spec string that recreates this reward, e.g. {@code span-fbeta:beta=0.5}. */
    String name();

    double score(List<String> gold, List<String> predicted);
}

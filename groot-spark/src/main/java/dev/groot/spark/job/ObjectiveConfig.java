package dev.groot.spark.job;

import dev.groot.model.objective.CreditRule;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.Objectives;
import dev.groot.model.objective.PositiveCredit;

import java.io.Serializable;
import java.util.List;

/**
 * What GROOT optimises (METHOD.md steps 3-4).
 *
 * @param rewardSpec      the reward GROOT optimises (and selects the best iteration by)
 * @param evalRewardSpecs further rewards reported on dev every iteration
 * @param objective       kl | pairwise | pairwise:margin=M | nll (the gold-only control)
 * @param margin          the pairwise margin when the objective names none
 * @param negativeCredit  where a candidate's negative weight goes in the update (METHOD.md: the whole sequence)
 * @param positiveCredit  where a candidate's positive weight goes in the update (METHOD.md: the whole sequence)
 */
public record ObjectiveConfig(String rewardSpec, List<String> evalRewardSpecs, String objective, double tauR,
                              double tauS, double lambda, double margin, NegativeCredit negativeCredit,
                              PositiveCredit positiveCredit)
        implements Serializable {

    /** METHOD.md's placement: a candidate's weight on every position of it. */
    public ObjectiveConfig(String rewardSpec, List<String> evalRewardSpecs, String objective, double tauR,
                           double tauS, double lambda, double margin) {
        this(rewardSpec, evalRewardSpecs, objective, tauR, tauS, lambda, margin, NegativeCredit.SEQUENCE,
                PositiveCredit.SEQUENCE);
    }

    public ObjectiveConfig {
        if (negativeCredit == null) {
            throw new IllegalArgumentException("negative credit is missing; use sequence or error-positions");
        }
        if (positiveCredit == null) {
            throw new IllegalArgumentException("positive credit is missing; use sequence or agreeing-positions");
        }
        if (!(tauR > 0) || !(tauS > 0)) {
            throw new IllegalArgumentException("--tau-r and --tau-s must be > 0");
        }
        if (lambda < 0) {
            throw new IllegalArgumentException("--lambda must be >= 0, got " + lambda);
        }
        // The one objective factory validates (kl, pairwise, pairwise:margin=M, nll).
        Objectives.create(objective, tauR, tauS, lambda, margin);
        evalRewardSpecs = List.copyOf(evalRewardSpecs);
    }

    /** Where the update puts each candidate's weight. */
    public CreditRule credit() {
        return new CreditRule(negativeCredit, positiveCredit);
    }
}

package dev.groot.model.engine;

import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.correct.Corrector;
import dev.groot.model.correct.RandomSubsetCorrector;
import dev.groot.model.objective.ContrastiveObjective;
import dev.groot.model.objective.Objectives;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Rewards;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The pluggable parts of GROOT a run is made of, built from options in this one place: the reward
 * it optimises, the corrector (step 2) and the contrastive objective (step 4).
 */
public record GrootMethod(Reward reward, Corrector corrector, ContrastiveObjective objective) implements Serializable {

    public GrootMethod {
        if (reward == null || corrector == null || objective == null) {
            throw new IllegalArgumentException("reward, corrector and objective are all required");
        }
    }

    /**
     * @param rewardSpec  e.g. {@code span-fbeta:beta=1} (parsed and validated by {@link Rewards})
     * @param objective   {@code kl}, {@code pairwise} or {@code pairwise:margin=M}
     * @param margin      the pairwise margin when the objective names none
     * @param corrections J, corrected candidates per wrong beam candidate
     */
    public static GrootMethod of(String rewardSpec, String objective, double tauR, double tauS, double lambda,
                                 double margin, int corrections, boolean spanCorrections) {
        return of(rewardSpec, objective, tauR, tauS, lambda, margin, corrections,
                spanCorrections ? CorrectionUnit.SPAN : CorrectionUnit.TOKEN);
    }

    /** @param unit what a correction fixes; AUTO is resolved from the model's tag set by {@link GrootStep} */
    public static GrootMethod of(String rewardSpec, String objective, double tauR, double tauS, double lambda,
                                 double margin, int corrections, CorrectionUnit unit) {
        return new GrootMethod(Rewards.validate(Rewards.parse(rewardSpec)),
                new RandomSubsetCorrector(corrections, unit),
                Objectives.create(objective, tauR, tauS, lambda, margin));
    }

    /** The training reward first (it selects the best iteration), then the further ones, without repeats. */
    public List<Reward> evaluationRewards(List<String> furtherSpecs) {
        List<Reward> out = new ArrayList<>();
        out.add(reward);
        for (String spec : furtherSpecs) {
            Reward r = Rewards.validate(Rewards.parse(spec));
            if (out.stream().noneMatch(o -> o.name().equals(r.name()))) {
                out.add(r);
            }
        }
        return out;
    }
}

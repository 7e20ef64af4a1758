package dev.groot.spark.job;

import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.RewardApplicability;
import dev.groot.model.reward.Rewards;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * The decoding options of predict, evaluate and compare as given on the command line, resolved
 * into a {@link Decoding} once the default MBR reward (the run's or the command's reward) is known.
 *
 * @param method      map or mbr (compare also takes both)
 * @param mbrRewards  --mbr-reward specs; empty = the default reward
 * @param temperature --mbr-temperature
 */
public record DecodeOptions(String method, List<String> mbrRewards, double temperature) implements Serializable {

    public static final DecodeOptions MAP = new DecodeOptions(Decoding.MAP, List.of(), 1.0);

    public DecodeOptions {
        mbrRewards = mbrRewards == null ? List.of() : List.copyOf(mbrRewards);
    }

    /** The MBR rewards, parsed and validated; {@code fallback} when none was given. */
    public List<Reward> rewards(Reward fallback, Collection<String> tags, String what) {
        if (mbrRewards.isEmpty()) {
            return List.of(fallback);
        }
        List<Reward> out = mbrRewards.stream().map(s -> Rewards.validate(Rewards.parse(s))).toList();
        out.forEach(r -> RewardApplicability.check(r, tags, what));
        return out;
    }

    /** The single decoding of predict and evaluate (exactly one MBR reward). */
    public Decoding decoding(Reward fallback, Collection<String> tags, String what) {
        if (!Decoding.MBR.equalsIgnoreCase(method)) {
            return Decoding.of(method, null, temperature);
        }
        List<Reward> rs = rewards(fallback, tags, what);
        if (rs.size() != 1) {
            throw new IllegalArgumentException("--decode mbr takes one --mbr-reward, got " + mbrRewards
                    + " (groot compare takes several)");
        }
        return Decoding.mbr(rs.get(0), temperature);
    }
}

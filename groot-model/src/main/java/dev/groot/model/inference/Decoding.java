package dev.groot.model.inference;

import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the single answer of a sentence is chosen from its decoded top-K list: {@code map} (the most
 * likely candidate, groot's default) or {@code mbr} (minimum Bayes risk under a reward, see
 * {@link MbrSelector}).
 */
public final class Decoding implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String MAP = "map";
    public static final String MBR = "mbr";

    private final MbrSelector mbr; // null for MAP

    private Decoding(MbrSelector mbr) {
        this.mbr = mbr;
    }

    public static Decoding map() {
        return new Decoding(null);
    }

    public static Decoding mbr(Reward reward, double temperature) {
        return new Decoding(new MbrSelector(reward, temperature));
    }

    /**
     * From the command-line options: {@code method} is map or mbr; the reward and temperature are
     * used by mbr only.
     */
    public static Decoding of(String method, Reward mbrReward, double temperature) {
        String m = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case MAP -> map();
            case MBR -> mbr(mbrReward, temperature);
            default -> throw new IllegalArgumentException("--decode must be map or mbr, got '" + method + "'");
        };
    }

    public boolean isMbr() {
        return mbr != null;
    }

    public String method() {
        return isMbr() ? MBR : MAP;
    }

    /** Index of the chosen candidate in a top-K list (beam order, most likely first). */
    public int choose(List<ScoredSequence> topK) {
        if (topK.isEmpty()) {
            throw new IllegalArgumentException("cannot choose from an empty top-K list");
        }
        if (mbr == null) {
            return mostLikely(topK);
        }
        List<List<String>> tags = new ArrayList<>(topK.size());
        double[] logProbs = new double[topK.size()];
        for (int i = 0; i < topK.size(); i++) {
            tags.add(topK.get(i).tags());
            logProbs[i] = topK.get(i).logProb();
        }
        return mbr.select(tags, logProbs);
    }

    /** The list with the chosen candidate first and the others after it in their original order. */
    public List<ScoredSequence> chosenFirst(List<ScoredSequence> topK) {
        int chosen = choose(topK);
        if (chosen == 0) {
            return topK;
        }
        List<ScoredSequence> out = new ArrayList<>(topK.size());
        out.add(topK.get(chosen));
        for (int i = 0; i < topK.size(); i++) {
            if (i != chosen) {
                out.add(topK.get(i));
            }
        }
        return out;
    }

    /** One line for summaries and file headers, e.g. {@code mbr reward=span-fbeta:beta=0.5 temperature=1.0}. */
    public String describe() {
        return isMbr() ? MBR + " reward=" + mbr.reward().name() + " temperature=" + mbr.temperature() : MAP;
    }

    /** The JSON form: method, and for mbr its reward and temperature. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method());
        if (isMbr()) {
            m.put("mbr_reward", mbr.reward().name());
            m.put("mbr_temperature", mbr.temperature());
        }
        return m;
    }

    // Beam output is sorted already; scanning keeps MAP correct for any list order (first on ties).
    private static int mostLikely(List<ScoredSequence> topK) {
        int best = 0;
        for (int i = 1; i < topK.size(); i++) {
            if (topK.get(i).logProb() > topK.get(best).logProb()) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return describe();
    }
}

package dev.groot.model.reward;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Refuses a reward that cannot see the task before any job runs. A reward that gives the gold
 * sequence and a sequence wrong at every position the same score ranks all candidates alike, so
 * GROOT learns nothing from it and dev "improves" to a constant (a span reward on POS tags scores
 * every candidate 1.0: no spans in gold, none predicted). The probe is the task's own tag set in
 * sorted order as gold and the same tags rotated by one as the prediction, so it also catches a
 * user's {@code class:} reward that ignores the tags it is given.
 */
public final class RewardApplicability {

    private RewardApplicability() {
    }

    /**
     * @param tags the task's tag set (from the data or the model's vocabularies)
     * @param data what the tags came from, named in the error (e.g. the --data path)
     * @throws IllegalArgumentException in one line naming the reward, the data and what to use instead
     */
    public static void check(Reward reward, Collection<String> tags, String data) {
        List<String> gold = new ArrayList<>(new TreeSet<>(tags));
        if (gold.size() < 2) {
            return; // one tag: every prediction is the gold one, nothing to tell apart
        }
        List<String> wrong = new ArrayList<>(gold.size());
        for (int i = 0; i < gold.size(); i++) {
            wrong.add(gold.get((i + 1) % gold.size()));
        }
        double right;
        double allWrong;
        try {
            right = reward.score(gold, gold);
            allWrong = reward.score(gold, wrong);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("reward '" + reward.name() + "' fails on the tags of " + data + ": " + e, e);
        }
        if (Double.compare(right, allWrong) != 0) {
            return;
        }
        boolean spans = gold.stream().anyMatch(Spans::isChunkTag);
        throw new IllegalArgumentException("reward '" + reward.name() + "' scores every prediction " + right
                + " on the tags of " + data + " (" + gold.size() + " tags" + (spans ? "" : ", no B-/I- spans") + ")"
                + ", so it cannot guide training: use --reward token-accuracy (or exact-match)"
                + (spans ? "" : ", or ingest a span task (e.g. --task brown-title for Brown)"));
    }
}

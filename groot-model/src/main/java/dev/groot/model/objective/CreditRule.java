package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the update puts each candidate's weight: negative weights by {@link NegativeCredit}, positive
 * ones by {@link PositiveCredit}. {@link #METHOD} (both {@code sequence}) is METHOD.md's loss, the one
 * rule that needs no gold tags; with both restricted, no position's gradient moves away from the gold.
 */
public record CreditRule(NegativeCredit negative, PositiveCredit positive) implements Serializable {

    public static final CreditRule METHOD = new CreditRule(NegativeCredit.SEQUENCE, PositiveCredit.SEQUENCE);

    public CreditRule {
        Objects.requireNonNull(negative, "negative credit");
        Objects.requireNonNull(positive, "positive credit");
    }

    /** True when placing a row needs the sentence's gold tags. */
    public boolean needsGold() {
        return !equals(METHOD);
    }

    public SentenceGroup.Row place(SentenceGroup.Row row, List<String> gold) {
        return row.weight() < 0 ? negative.place(row, gold) : positive.place(row, gold);
    }

    /** Every row of a sentence group placed against the sentence's gold tags. */
    public SentenceGroup place(SentenceGroup group, List<String> gold) {
        if (!needsGold()) {
            return group;
        }
        List<SentenceGroup.Row> rows = new ArrayList<>(group.rows().size());
        for (SentenceGroup.Row r : group.rows()) {
            rows.add(place(r, gold));
        }
        return new SentenceGroup(group.tokens(), rows);
    }
}

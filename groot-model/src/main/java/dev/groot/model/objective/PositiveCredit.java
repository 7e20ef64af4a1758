package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;

import java.util.List;

/**
 * Where a candidate's positive weight goes in the update. {@code SEQUENCE} (METHOD.md step 4) puts
 * w_c on every position of c: a near-miss candidate that q ranks above p (r = 0.9 gets a visible
 * share of q at tau_r 0.05) then raises its wrong tags too, and being unlikely under the model its
 * gradient there is large. {@code AGREEING_POSITIONS} puts a positive w_c only on the positions where
 * c agrees with the gold: the update raises the right decisions in c's context (also after an error in
 * its prefix), never a wrong one. The gold row agrees everywhere and is unchanged. This changes the
 * gradient, not the stored w_c.
 */
public enum PositiveCredit {
    SEQUENCE, AGREEING_POSITIONS;

    /** {@code sequence} or {@code agreeing-positions}, as on the command line. */
    public static PositiveCredit parse(String name) {
        return CreditOptions.parse(values(), name, "positive credit");
    }

    public String optionName() {
        return CreditOptions.optionName(this);
    }

    /** One row with its weight placed by this rule against the sentence's gold tags. */
    public SentenceGroup.Row place(SentenceGroup.Row row, List<String> gold) {
        if (this == SEQUENCE || row.weight() <= 0) {
            return row;
        }
        return PositionWeights.where(row, gold, true);
    }
}

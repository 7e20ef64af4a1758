package dev.groot.model.update;

/**
 * The packed array layout of a minibatch of sentence groups: the one place it is defined.
 * DL4J wants one minibatch dimension, so a minibatch is G groups, each one sentence of length
 * L_g <= T plus R candidate rows (R = the largest group of the minibatch; smaller groups are
 * padded with rows marked absent). No DL4J mask arrays are used: lengths and absent rows travel
 * inside the arrays, so nothing depends on how DL4J propagates masks.
 * <pre>
 * features [G, 4 + R, T]  channel 0      token mask: 1 for t &lt; L_g, 0 on right padding
 *                         channel 1..3   word, shape, suffix ids (0 on padding)
 *                         channel 4 + r  row r's teacher-forced previous tag ids (BOS id at t = 0);
 *                                        -1 at every t when row r is absent (padding row)
 * labels   [G, 2R, T]     channel r      row r's target tag ids for t &lt; L_g, -1 elsewhere and for absent rows
 *                         channel R + r  row r's weight at each position t (0 for absent rows)
 * </pre>
 * Normalisation: the layer's score is sum over present rows of w * NLL(row) divided by the number
 * of present rows N, and its raw gradient is that sum times G / N, so that after DL4J's updater
 * divides by the minibatch size G the step equals the standard graph's step on the same N rows
 * as one row minibatch. The unit of averaging is therefore the row, as in {@code TrainingBatches}.
 */
public final class GroupedLayout {
    /** Feature channel of the token mask. */
    public static final int MASK = 0;
    public static final int WORDS = 1;
    public static final int SHAPES = 2;
    public static final int SUFFIXES = 3;
    /** First feature channel of the rows' previous-tag ids. */
    public static final int FIRST_ROW = 4;
    /** Marks an absent (padding) row in the previous-tag and target channels. */
    public static final int ABSENT = -1;

    private GroupedLayout() {
    }

    /** Rows per group R of a features array. */
    public static int rowsOf(long featureChannels) {
        if (featureChannels <= FIRST_ROW) {
            throw new IllegalArgumentException("grouped features need more than " + FIRST_ROW
                    + " channels (mask, words, shapes, suffixes, >= 1 row), got " + featureChannels);
        }
        return (int) (featureChannels - FIRST_ROW);
    }
}

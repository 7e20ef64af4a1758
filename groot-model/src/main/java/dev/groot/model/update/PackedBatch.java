package dev.groot.model.update;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A packed minibatch ({@link GroupedLayout}) read into the index arrays the layer gathers with.
 * Sentence positions are time-major over groups ({@code t * groups + g}); row positions are
 * time-major over the present rows ({@code t * rows + n}), rows ordered by group. T is the longest
 * sentence of the minibatch (trailing all-padding columns are skipped).
 */
final class PackedBatch {
    final int groups;
    final int steps;
    final int rows;
    final int slots;
    final int[] lengths;
    final int[] words;
    final int[] shapes;
    final int[] suffixes;
    /** Reversal of each sentence within its length (an involution; padding positions map to themselves). */
    final int[] reverse;
    final int[] rowGroup;
    final int[] rowSlot;
    final int[] prevTags;
    /** Present only with labels: target ids (-1 beyond the length) and weights, both per row position. */
    final int[] targets;
    final double[] weights;

    PackedBatch(INDArray features, INDArray labels, long nWords, long nShapes, long nSuffixes, long nTags) {
        if (features.rank() != 3) {
            throw new IllegalArgumentException("grouped features must be [groups, 4 + rows, time], got "
                    + java.util.Arrays.toString(features.shape()));
        }
        groups = (int) features.size(0);
        slots = GroupedLayout.rowsOf(features.size(1));
        int width = (int) features.size(2);
        float[] f = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int chans = GroupedLayout.FIRST_ROW + slots;
        lengths = new int[groups];
        int maxLen = 0;
        int present = 0;
        for (int g = 0; g < groups; g++) {
            int len = 0;
            while (len < width && f[(g * chans + GroupedLayout.MASK) * width + len] > 0.5f) {
                len++;
            }
            if (len == 0) {
                throw new IllegalArgumentException("group " + g + " has an empty sentence");
            }
            lengths[g] = len;
            maxLen = Math.max(maxLen, len);
            for (int r = 0; r < slots; r++) {
                if (f[(g * chans + GroupedLayout.FIRST_ROW + r) * width] != GroupedLayout.ABSENT) {
                    present++;
                }
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("grouped minibatch without any present row");
        }
        steps = maxLen;
        rows = present;
        words = new int[steps * groups];
        shapes = new int[steps * groups];
        suffixes = new int[steps * groups];
        reverse = new int[steps * groups];
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < steps; t++) {
                int at = t * groups + g;
                boolean real = t < lengths[g];
                words[at] = real ? id(f[(g * chans + GroupedLayout.WORDS) * width + t], nWords, "word", g, t) : 0;
                shapes[at] = real ? id(f[(g * chans + GroupedLayout.SHAPES) * width + t], nShapes, "shape", g, t) : 0;
                suffixes[at] = real ? id(f[(g * chans + GroupedLayout.SUFFIXES) * width + t], nSuffixes, "suffix", g, t) : 0;
                reverse[at] = real ? (lengths[g] - 1 - t) * groups + g : at;
            }
        }
        rowGroup = new int[rows];
        rowSlot = new int[rows];
        int n = 0;
        for (int g = 0; g < groups; g++) {
            for (int r = 0; r < slots; r++) {
                if (f[(g * chans + GroupedLayout.FIRST_ROW + r) * width] != GroupedLayout.ABSENT) {
                    rowGroup[n] = g;
                    rowSlot[n] = r;
                    n++;
                }
            }
        }
        prevTags = new int[steps * rows];
        for (n = 0; n < rows; n++) {
            int g = rowGroup[n];
            int base = (g * chans + GroupedLayout.FIRST_ROW + rowSlot[n]) * width;
            for (int t = 0; t < steps; t++) {
                prevTags[t * rows + n] = t < lengths[g] ? id(f[base + t], nTags + 1, "previous tag", g, t) : 0;
            }
        }
        if (labels == null) {
            targets = null;
            weights = null;
            return;
        }
        if (labels.rank() != 3 || labels.size(0) != groups || labels.size(1) != 2L * slots || labels.size(2) != width) {
            throw new IllegalArgumentException("grouped labels must be [" + groups + ", " + 2 * slots + ", " + width
                    + "], got " + java.util.Arrays.toString(labels.shape()));
        }
        float[] l = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
        targets = new int[steps * rows];
        weights = new double[steps * rows];
        for (n = 0; n < rows; n++) {
            int g = rowGroup[n];
            int base = (g * 2 * slots + rowSlot[n]) * width;
            int weightBase = (g * 2 * slots + slots + rowSlot[n]) * width;
            for (int t = 0; t < steps; t++) {
                boolean real = t < lengths[g];
                targets[t * rows + n] = real ? id(l[base + t], nTags, "target tag", g, t) : GroupedLayout.ABSENT;
                weights[t * rows + n] = real ? l[weightBase + t] : 0;
                if (!Double.isFinite(weights[t * rows + n])) {
                    throw new IllegalArgumentException("group " + g + " row " + rowSlot[n] + ", position " + t
                            + ": non-finite weight " + weights[t * rows + n]);
                }
            }
        }
    }

    private static int id(float value, long limit, String what, int group, int t) {
        int id = (int) value;
        if (id != value || id < 0 || id >= limit) {
            throw new IllegalArgumentException("group " + group + ", position " + t + ": " + what + " id " + value
                    + " outside [0, " + limit + ")");
        }
        return id;
    }
}

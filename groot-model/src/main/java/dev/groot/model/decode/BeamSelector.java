package dev.groot.model.decode;

/**
 * One beam step for one sentence: from its live hypotheses (rows {@code from..to-1}) and their
 * next-tag log-probabilities, keep the {@code width} best extensions. Ties go to the earlier row,
 * then the lower tag index, so the result is deterministic.
 */
final class BeamSelector {
    private BeamSelector() {
    }

    /**
     * @param logp       log p(tag | row) for all rows, row-major [rows, nTags]
     * @param outParent  receives the chosen rows (absolute row indices), best first
     * @return number of extensions written at {@code out*[outOffset..]}
     */
    static int select(float[] logp, int nTags, int from, int to, double[] rowScore, int[] rowPrevTag,
                      TransitionConstraint constraint, int width,
                      int[] outParent, int[] outTag, double[] outScore, int outOffset) {
        int count = 0;
        for (int r = from; r < to; r++) {
            boolean[] ok = constraint.allowedAfter(rowPrevTag[r]);
            double base = rowScore[r];
            int off = r * nTags;
            for (int y = 0; y < nTags; y++) {
                if (!ok[y]) {
                    continue;
                }
                double s = base + logp[off + y];
                if (count == width && !(s > outScore[outOffset + count - 1])) {
                    continue; // not strictly better than the worst kept: earlier candidates win ties
                }
                int pos = count == width ? count - 1 : count;
                // shift worse entries down; stop at the first entry >= s (it stays ahead: stable)
                while (pos > 0 && outScore[outOffset + pos - 1] < s) {
                    outScore[outOffset + pos] = outScore[outOffset + pos - 1];
                    outParent[outOffset + pos] = outParent[outOffset + pos - 1];
                    outTag[outOffset + pos] = outTag[outOffset + pos - 1];
                    pos--;
                }
                outScore[outOffset + pos] = s;
                outParent[outOffset + pos] = r;
                outTag[outOffset + pos] = y;
                if (count < width) {
                    count++;
                }
            }
        }
        return count;
    }
}

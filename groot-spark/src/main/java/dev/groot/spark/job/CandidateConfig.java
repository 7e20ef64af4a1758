package dev.groot.spark.job;

import java.io.Serializable;

/**
 * How an iteration generates candidates (METHOD.md steps 1-2).
 *
 * @param k               beam candidates kept per sentence (K)
 * @param beamWidth       beam width B >= K
 * @param corrections     J: corrected candidates per wrong beam candidate
 * @param spanCorrections correct whole spans (BIO error runs) instead of single tokens
 * @param constrainBio    forbid invalid BIO transitions while decoding
 * @param decodeBatch     sentences decoded together in one batched beam search
 */
public record CandidateConfig(int k, int beamWidth, int corrections, boolean spanCorrections, boolean constrainBio,
                              int decodeBatch) implements Serializable {
    public CandidateConfig {
        if (beamWidth < k || k < 1) {
            throw new IllegalArgumentException("need 1 <= --k <= --beam, got k=" + k + " beam=" + beamWidth);
        }
        if (corrections < 0) {
            throw new IllegalArgumentException("--corrections must be >= 0, got " + corrections);
        }
        if (decodeBatch < 1) {
            throw new IllegalArgumentException("--decode-batch must be >= 1, got " + decodeBatch);
        }
    }
}

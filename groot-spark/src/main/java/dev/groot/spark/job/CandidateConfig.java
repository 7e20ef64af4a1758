package dev.groot.spark.job;

import dev.groot.model.correct.CorrectionUnit;

import java.io.Serializable;

/**
 * How an iteration generates candidates (METHOD.md steps 1-2).
 *
 * @param k               beam candidates kept per sentence (K)
 * @param beamWidth       beam width B >= K
 * @param corrections     J: corrected candidates per wrong beam candidate
 * @param correctionUnit  what a correction fixes: whole spans, single tokens, or auto (spans on a
 *                        BIO tag set, tokens otherwise)
 * @param constrainBio    forbid invalid BIO transitions while decoding
 * @param decodeBatch     sentences decoded together in one batched beam search
 */
public record CandidateConfig(int k, int beamWidth, int corrections, CorrectionUnit correctionUnit,
                              boolean constrainBio, int decodeBatch) implements Serializable {

    /** @param spanCorrections true = SPAN, false = TOKEN (the meaning of the flag before AUTO existed) */
    public CandidateConfig(int k, int beamWidth, int corrections, boolean spanCorrections, boolean constrainBio,
                           int decodeBatch) {
        this(k, beamWidth, corrections, spanCorrections ? CorrectionUnit.SPAN : CorrectionUnit.TOKEN, constrainBio,
                decodeBatch);
    }

    public CandidateConfig {
        if (correctionUnit == null) {
            throw new IllegalArgumentException("--corrections-unit is required (span, token or auto)");
        }
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

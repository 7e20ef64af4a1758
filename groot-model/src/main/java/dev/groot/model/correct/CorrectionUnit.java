package dev.groot.model.correct;

import java.util.Locale;

/**
 * What a correction fixes at a time. SPAN fixes whole error units of spans (valid BIO in, valid BIO
 * out); TOKEN fixes single positions (can leave {@code O I-X} on a BIO tag set); AUTO is SPAN for
 * BIO tag sets and TOKEN otherwise, decided once the tag set is known.
 */
public enum CorrectionUnit {
    SPAN, TOKEN, AUTO;

    /** Whether corrections on a tag set that is (or is not) BIO fix whole spans. */
    public boolean wholeSpans(boolean bioTagSet) {
        return this == SPAN || (this == AUTO && bioTagSet);
    }

    /** {@code span}, {@code token} or {@code auto}, as on the command line. */
    public static CorrectionUnit parse(String name) {
        if (name != null) {
            for (CorrectionUnit u : values()) {
                if (u.name().equalsIgnoreCase(name.trim())) {
                    return u;
                }
            }
        }
        throw new IllegalArgumentException("unknown correction unit '" + name + "'; use span, token or auto");
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

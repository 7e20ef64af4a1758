package dev.groot.model.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to read a corpus.
 *
 * @param task        Brown only: which tag set to derive
 * @param splitRule   how each example gets its split
 * @param maxLength   sentences with more tokens are rejected (TOO_LONG)
 * @param tokenColumn CoNLL only: 0-based token column
 * @param tagColumn   CoNLL only: 0-based tag column, negative counts from the end (-1 = last)
 */
public record ReaderConfig(InputFormat format, BrownTask task, SplitRule splitRule, int maxLength,
                           int tokenColumn, int tagColumn) implements Serializable {

    public static final int DEFAULT_MAX_LENGTH = 1000;

    public ReaderConfig {
        Objects.requireNonNull(format, "format");
        if (splitRule == null) {
            splitRule = format.defaultSplitRule();
        }
        if (task == null) {
            task = BrownTask.POS;
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be >= 1, got " + maxLength);
        }
        if (tokenColumn < 0) {
            throw new IllegalArgumentException("token column must be >= 0, got " + tokenColumn);
        }
    }

    public static ReaderConfig of(InputFormat format) {
        return new ReaderConfig(format, null, null, DEFAULT_MAX_LENGTH, 0, -1);
    }

    public static ReaderConfig brown(BrownTask task) {
        return new ReaderConfig(InputFormat.BROWN, task, null, DEFAULT_MAX_LENGTH, 0, -1);
    }

    public ReaderConfig withSplitRule(SplitRule rule) {
        return new ReaderConfig(format, task, rule, maxLength, tokenColumn, tagColumn);
    }

    public ReaderConfig withMaxLength(int max) {
        return new ReaderConfig(format, task, splitRule, max, tokenColumn, tagColumn);
    }

    public ReaderConfig withColumns(int token, int tag) {
        return new ReaderConfig(format, task, splitRule, maxLength, token, tag);
    }
}

package dev.groot.model.io;

/** The classes of bad input a reader recognises; each rejection carries one (counted in the summary). */
public enum Problem {
    NO_INPUT,
    EMPTY_FILE,
    BINARY_FILE,
    INVALID_UTF8,
    TOKEN_WITHOUT_TAG,
    EMPTY_TOKEN,
    EMPTY_TAG,
    WRONG_COLUMN_COUNT,
    INVALID_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    LENGTH_MISMATCH,
    TOO_LONG,
    DUPLICATE_ID,
    MISSING_SPLIT,
    BAD_FILE_NAME;

    /** Lower-case name used in summaries and rejected records, e.g. {@code token_without_tag}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

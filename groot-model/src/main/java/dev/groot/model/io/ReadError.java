package dev.groot.model.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * One rejected input record: where it is (file, 1-based line; 0 for the whole file), what is wrong,
 * and the offending text (shortened) so a user can find and fix it.
 */
public record ReadError(String file, long line, Problem problem, String detail, String record)
        implements Serializable {

    private static final int MAX_RECORD_CHARS = 300;

    public ReadError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
        record = shorten(record == null ? "" : record);
    }

    public static ReadError of(String file, long line, Problem problem, String detail) {
        return new ReadError(file, line, problem, detail, "");
    }

    /** {@code file:line: detail}, the one-line form printed to users. */
    public String message() {
        return file + ":" + line + ": " + detail;
    }

    private static String shorten(String s) {
        return s.length() <= MAX_RECORD_CHARS ? s : s.substring(0, MAX_RECORD_CHARS) + "...";
    }
}

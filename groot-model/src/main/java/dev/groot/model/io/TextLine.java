package dev.groot.model.io;

/**
 * One decoded line of a text file. {@code problem} is non-null when the line cannot be used as
 * text (invalid UTF-8, a NUL byte); {@code text} is then a lossy rendering for the rejected record.
 */
public record TextLine(long number, String text, Problem problem, String detail) {

    public boolean ok() {
        return problem == null;
    }

    public boolean blank() {
        return ok() && text.isBlank();
    }
}

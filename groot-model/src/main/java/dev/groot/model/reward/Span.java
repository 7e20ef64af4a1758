package dev.groot.model.reward;

import java.io.Serializable;

/** One labelled chunk: tokens {@code [start, end)} of type {@code type} (e.g. {@code TL}). */
public record Span(String type, int start, int end) implements Serializable {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}

package dev.groot.model.reward;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chunk extraction from BIO tags with conlleval semantics: a chunk starts at {@code B-X}, or at
 * {@code I-X} after {@code O}, after another type or at the sentence start; it ends before
 * {@code O}, before any {@code B-}, before a tag of a different type, or at the sentence end.
 * Any tag that is not {@code B-X}/{@code I-X} with a non-empty type (e.g. {@code O} or a POS tag
 * such as {@code NN}) is outside every chunk, so POS sequences have no spans.
 */
public final class Spans {

    private Spans() {
    }

    public static List<Span> extract(List<String> tags) {
        List<Span> spans = new ArrayList<>();
        String openType = null;
        int openStart = -1;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            char prefix = prefix(tag);
            String type = prefix == 0 ? null : tag.substring(2);
            boolean continues = prefix == 'I' && type.equals(openType);
            if (openType != null && !continues) {
                spans.add(new Span(openType, openStart, i));
                openType = null;
            }
            if (prefix != 0 && !continues) {
                openType = type;
                openStart = i;
            }
        }
        if (openType != null) {
            spans.add(new Span(openType, openStart, tags.size()));
        }
        return spans;
    }

    /** Number of predicted spans that equal a gold span exactly (type, start and end). */
    public static int countCorrect(List<Span> gold, List<Span> predicted) {
        Set<Span> goldSet = new HashSet<>(gold);
        int correct = 0;
        for (Span s : predicted) {
            if (goldSet.contains(s)) {
                correct++;
            }
        }
        return correct;
    }

    /** True if the tag is a chunk tag ({@code B-X} or {@code I-X} with a non-empty type). */
    public static boolean isChunkTag(String tag) {
        return prefix(tag) != 0;
    }

    private static char prefix(String tag) {
        if (tag != null && tag.length() > 2 && tag.charAt(1) == '-') {
            char c = tag.charAt(0);
            if (c == 'B' || c == 'I') {
                return c;
            }
        }
        return 0;
    }
}

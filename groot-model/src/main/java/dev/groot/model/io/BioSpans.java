package dev.groot.model.io;

import java.util.List;

/** Counting labelled spans in a BIO tag sequence (an I-X after O or another type starts a span too). */
public final class BioSpans {

    private BioSpans() {
    }

    /**
     * The BIO transition rule, the one place it is written: I-X only after B-X or I-X of the same
     * type (so never first, i.e. after "O", and never after O or another type).
     */
    public static boolean mayFollow(String prev, String next) {
        return !next.startsWith("I-") || (!prev.equals("O") && prev.substring(2).equals(next.substring(2)));
    }

    public static boolean isBioTag(String tag) {
        return tag.equals("O") || ((tag.startsWith("B-") || tag.startsWith("I-")) && tag.length() > 2);
    }

    public static long count(List<String> tags) {
        long n = 0;
        String type = null;
        for (String t : tags) {
            if (t.startsWith("B-")) {
                n++;
                type = t.substring(2);
            } else if (t.startsWith("I-")) {
                String ty = t.substring(2);
                if (!ty.equals(type)) {
                    n++;
                }
                type = ty;
            } else {
                type = null;
            }
        }
        return n;
    }
}

package dev.groot.model.io;

import java.util.List;

/** Counting labelled spans in a BIO tag sequence (an I-X after O or another type starts a span too). */
public final class BioSpans {

    private BioSpans() {
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

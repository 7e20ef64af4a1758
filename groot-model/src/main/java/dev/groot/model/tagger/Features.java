package dev.groot.model.tagger;

import java.util.Locale;

/** The word features the tagger sees: normalised word, character shape and suffix. Pure functions. */
public final class Features {
    private Features() {
    }

    /** Lower-cased, digits mapped to 0 so that numbers share vocabulary entries. */
    public static String word(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        StringBuilder b = null;
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            if (Character.isDigit(ch) && ch != '0') {
                if (b == null) {
                    b = new StringBuilder(lower);
                }
                b.setCharAt(i, '0');
            }
        }
        return b == null ? lower : b.toString();
    }

    /**
     * Capitalisation/character class pattern with repeated classes collapsed, e.g. "McDonald's" -> "XxXx'x",
     * "1960" -> "d", "U.S." -> "X.X.". Capped at 6 symbols to keep the vocabulary small.
     */
    public static String shape(String token) {
        StringBuilder b = new StringBuilder();
        char last = 0;
        for (int i = 0; i < token.length() && b.length() < 6; i++) {
            char ch = token.charAt(i);
            char cls = Character.isUpperCase(ch) ? 'X' : Character.isLowerCase(ch) ? 'x'
                    : Character.isDigit(ch) ? 'd' : Character.isLetter(ch) ? 'l' : ch;
            if (cls != last) {
                b.append(cls);
                last = cls;
            }
        }
        return b.toString();
    }

    /** The last {@code length} characters of the normalised word (the whole word if shorter). */
    public static String suffix(String token, int length) {
        String w = word(token);
        return w.length() <= length ? w : w.substring(w.length() - length);
    }
}

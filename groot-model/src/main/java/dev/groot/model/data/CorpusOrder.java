package dev.groot.model.data;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders example ids the way the corpus lists them. The readers number sentences within a file
 * ({@code ca01:12}, {@code test.conll:100}), so ids compare run by run: digit runs as numbers,
 * other runs as text. {@code test.conll:2} comes before {@code test.conll:10}, which plain string
 * order puts the other way round. Ties between differently padded numbers ({@code a01}, {@code a1})
 * fall back to string order, so the order is total and consistent with equals.
 */
public final class CorpusOrder implements Comparator<String>, Serializable {
    private static final long serialVersionUID = 1L;

    public static final CorpusOrder INSTANCE = new CorpusOrder();

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean digitA = Character.isDigit(a.charAt(i));
            boolean digitB = Character.isDigit(b.charAt(j));
            int endA = runEnd(a, i, digitA);
            int endB = runEnd(b, j, digitB);
            int c;
            if (digitA && digitB) {
                c = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
            } else {
                c = a.substring(i, endA).compareTo(b.substring(j, endB));
            }
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int runEnd(String s, int from, boolean digits) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k)) == digits) {
            k++;
        }
        return k;
    }
}

package dev.groot.model.reward;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed reward spec string. Grammar:
 * <pre>
 *   spec    := name [ ':' options ]  |  'class:' className [ ':' options ]
 *   options := key '=' value ( ',' key '=' value )*
 * </pre>
 * Names, keys and values are trimmed; keys must be unique.
 *
 * @param name      the built-in name, or {@code class} for a user class
 * @param className the user class for {@code class:...}, else null
 * @param options   the key=value options in spec order
 */
public record RewardSpec(String name, String className, Map<String, String> options) {

    public RewardSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public boolean isUserClass() {
        return className != null;
    }

    public static RewardSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty reward spec");
        }
        String s = spec.trim();
        String name;
        String className = null;
        String rest;
        int colon = s.indexOf(':');
        name = (colon < 0 ? s : s.substring(0, colon)).trim();
        rest = colon < 0 ? null : s.substring(colon + 1);
        if (name.equals("class")) {
            if (rest == null || rest.isBlank()) {
                throw new IllegalArgumentException("reward spec '" + spec + "': 'class:' needs a class name, e.g. class:com.acme.MyReward");
            }
            int c2 = rest.indexOf(':');
            className = (c2 < 0 ? rest : rest.substring(0, c2)).trim();
            rest = c2 < 0 ? null : rest.substring(c2 + 1);
            if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
                throw new IllegalArgumentException("reward spec '" + spec + "': '" + className + "' is not a Java class name");
            }
        } else if (name.isEmpty()) {
            throw new IllegalArgumentException("reward spec '" + spec + "': missing reward name before ':'");
        }
        return new RewardSpec(name, className, parseOptions(spec, rest));
    }

    private static Map<String, String> parseOptions(String spec, String rest) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rest == null) {
            return options;
        }
        if (rest.isBlank()) {
            throw new IllegalArgumentException("reward spec '" + spec + "': nothing after ':' (expected key=value options)");
        }
        for (String part : rest.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || part.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("reward spec '" + spec + "': option '" + part.trim() + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            if (options.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("reward spec '" + spec + "': option '" + key + "' given twice");
            }
        }
        return options;
    }

    /**
     * Splits a list of specs. {@code ;} always separates specs. A comma separates specs too,
     * except where the text after it is an option of the preceding spec: a piece of the form
     * {@code key=value} whose key contains no {@code :} continues the previous spec's options.
     * So {@code span-fbeta:beta=0.5,token-accuracy} gives {@code span-fbeta:beta=0.5} and
     * {@code token-accuracy}, and {@code class:a.B:x=1,y=2,exact-match} gives
     * {@code class:a.B:x=1,y=2} and {@code exact-match}. Writing {@code ;} between specs is
     * never ambiguous.
     */
    public static List<String> splitList(String specs) {
        if (specs == null || specs.isBlank()) {
            throw new IllegalArgumentException("empty reward spec list");
        }
        List<String> out = new ArrayList<>();
        for (String group : specs.split(";", -1)) {
            if (group.isBlank()) {
                throw new IllegalArgumentException("reward spec list '" + specs + "': empty entry between ';'");
            }
            StringBuilder current = null;
            for (String piece : group.split(",", -1)) {
                if (isOptionContinuation(piece)) {
                    if (current == null || current.indexOf(":") < 0) {
                        throw new IllegalArgumentException("reward spec list '" + specs + "': option '" + piece.trim()
                                + "' does not follow a spec with options (name:key=value)");
                    }
                    current.append(',').append(piece.trim());
                } else {
                    if (piece.isBlank()) {
                        throw new IllegalArgumentException("reward spec list '" + specs + "': empty entry between ','");
                    }
                    if (current != null) {
                        out.add(current.toString());
                    }
                    current = new StringBuilder(piece.trim());
                }
            }
            out.add(current.toString());
        }
        return out;
    }

    private static boolean isOptionContinuation(String piece) {
        int eq = piece.indexOf('=');
        return eq > 0 && piece.substring(0, eq).indexOf(':') < 0;
    }
}

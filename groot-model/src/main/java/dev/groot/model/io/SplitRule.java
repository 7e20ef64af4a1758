package dev.groot.model.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the split (train, dev, test, ...) of one example. Rules are pure functions of the file
 * name, the example id and the example's own split field, so every machine gets the same split.
 * Spec strings (the {@code --split-rule} option): {@code brown}, {@code field}, {@code filename},
 * {@code fraction:dev=0.1,test=0.1,seed=42}.
 */
public interface SplitRule extends Serializable {

    /** The split, or throws {@link InputProblem} (MISSING_SPLIT / BAD_FILE_NAME). */
    String split(String fileName, String id, String fieldValue);

    String spec();

    Pattern VALID_SPLIT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static SplitRule parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String args = colon < 0 ? "" : s.substring(colon + 1);
        return switch (name) {
            case "brown" -> new BrownFileNumber();
            case "field" -> new Field();
            case "filename" -> new FileName();
            case "fraction" -> Fraction.parse(args);
            default -> throw new IllegalArgumentException("unknown split rule '" + spec
                    + "' (use brown, field, filename or fraction:dev=F,test=F,seed=N)");
        };
    }

    /** Brown file names {@code c<genre><nn>}: test when nn % 10 == 0, dev when nn % 10 == 5, else train. */
    record BrownFileNumber() implements SplitRule {
        private static final Pattern NAME = Pattern.compile("c[a-r](\\d\\d)");

        @Override
        public String split(String fileName, String id, String fieldValue) {
            Matcher m = NAME.matcher(fileName);
            if (!m.matches()) {
                throw new InputProblem(Problem.BAD_FILE_NAME, "file name '" + fileName
                        + "' is not a Brown file name c<genre><nn>, so it has no split");
            }
            int nn = Integer.parseInt(m.group(1));
            return nn % 10 == 0 ? "test" : nn % 10 == 5 ? "dev" : "train";
        }

        @Override
        public String spec() {
            return "brown";
        }
    }

    /** The example's own split field (JSON Lines {@code split}). */
    record Field() implements SplitRule {
        @Override
        public String split(String fileName, String id, String fieldValue) {
            if (fieldValue == null || fieldValue.isBlank()) {
                throw new InputProblem(Problem.MISSING_SPLIT, "missing split: record " + id
                        + " has no 'split' field (or use --split-rule filename|fraction:...)");
            }
            return checked(fieldValue, "split field");
        }

        @Override
        public String spec() {
            return "field";
        }
    }

    /** The file's base name without extension: {@code train.conll} -> train. */
    record FileName() implements SplitRule {
        @Override
        public String split(String fileName, String id, String fieldValue) {
            int dot = fileName.indexOf('.');
            String base = dot < 0 ? fileName : fileName.substring(0, dot);
            if (base.isEmpty()) {
                throw new InputProblem(Problem.MISSING_SPLIT, "missing split: file name '" + fileName + "' has no base name");
            }
            return checked(base, "file name");
        }

        @Override
        public String spec() {
            return "filename";
        }
    }

    /**
     * A seeded hash of the example id puts it in dev or test with the given probabilities, else
     * train. Stable: adding examples never moves existing ones.
     */
    record Fraction(double dev, double test, long seed) implements SplitRule {
        public Fraction {
            if (dev < 0 || test < 0 || dev + test > 1) {
                throw new IllegalArgumentException("fraction split needs dev, test >= 0 and dev + test <= 1, got dev="
                        + dev + " test=" + test);
            }
        }

        static Fraction parse(String args) {
            double dev = 0.1;
            double test = 0.1;
            long seed = 42;
            for (Map.Entry<String, String> e : Specs.options(args, "fraction").entrySet()) {
                switch (e.getKey()) {
                    case "dev" -> dev = Double.parseDouble(e.getValue());
                    case "test" -> test = Double.parseDouble(e.getValue());
                    case "seed" -> seed = Long.parseLong(e.getValue());
                    default -> throw new IllegalArgumentException("unknown fraction split option '" + e.getKey()
                            + "' (use dev=, test=, seed=)");
                }
            }
            return new Fraction(dev, test, seed);
        }

        @Override
        public String split(String fileName, String id, String fieldValue) {
            double u = unit(id);
            return u < test ? "test" : u < test + dev ? "dev" : "train";
        }

        /** A uniform number in [0, 1) from (seed, id): 64-bit FNV-1a then a SplitMix64 finaliser. */
        double unit(String id) {
            long h = 0xcbf29ce484222325L ^ seed;
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h ^= h >>> 30;
            h *= 0xbf58476d1ce4e5b9L;
            h ^= h >>> 27;
            h *= 0x94d049bb133111ebL;
            h ^= h >>> 31;
            return (h >>> 11) * 0x1.0p-53;
        }

        @Override
        public String spec() {
            return "fraction:dev=" + dev + ",test=" + test + ",seed=" + seed;
        }
    }

    private static String checked(String split, String where) {
        if (!VALID_SPLIT.matcher(split).matches()) {
            throw new InputProblem(Problem.MISSING_SPLIT, "split '" + split + "' from the " + where
                    + " is not a valid split name (letters, digits, '_' or '-')");
        }
        return split;
    }
}

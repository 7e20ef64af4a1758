package dev.groot.model.tagger;

import dev.groot.model.data.Example;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tagger's symbol tables, built once from the training examples and saved with the model.
 * Words, shapes and suffixes reserve index 0 for the unknown symbol (also used for padding, which
 * is masked). Tags are sorted so the index order does not depend on the order of the data; the
 * decoder input uses one extra index, {@link #bosIndex()}, for "before the first tag".
 */
public final class Vocabularies implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String UNKNOWN = "<unk>";

    private final List<String> words;
    private final List<String> shapes;
    private final List<String> suffixes;
    private final List<String> tags;
    private final int suffixLength;
    private final boolean bio;
    private final Map<String, Integer> wordIds;
    private final Map<String, Integer> shapeIds;
    private final Map<String, Integer> suffixIds;
    private final Map<String, Integer> tagIds;

    private Vocabularies(List<String> words, List<String> shapes, List<String> suffixes, List<String> tags,
                         int suffixLength) {
        this.words = List.copyOf(words);
        this.shapes = List.copyOf(shapes);
        this.suffixes = List.copyOf(suffixes);
        this.tags = List.copyOf(tags);
        this.suffixLength = suffixLength;
        if (this.tags.isEmpty()) {
            throw new IllegalArgumentException("no tags: the training data is empty");
        }
        for (List<String> table : List.of(this.words, this.shapes, this.suffixes)) {
            if (table.isEmpty() || !UNKNOWN.equals(table.get(0))) {
                throw new IllegalArgumentException("feature vocabulary must start with " + UNKNOWN);
            }
        }
        this.wordIds = index(this.words);
        this.shapeIds = index(this.shapes);
        this.suffixIds = index(this.suffixes);
        this.tagIds = index(this.tags);
        this.bio = this.tags.stream().allMatch(t -> t.equals("O") || t.startsWith("B-") || t.startsWith("I-"));
    }

    /** Re-creates vocabularies from their tables (as saved by ModelIO). Tables must be in index order. */
    public static Vocabularies of(List<String> words, List<String> shapes, List<String> suffixes, List<String> tags,
                                  int suffixLength) {
        return new Vocabularies(words, shapes, suffixes, tags, suffixLength);
    }

    /** Words below {@code config.minWordCount()} (after normalisation) become unknown; so do suffixes. */
    public static Vocabularies build(Iterable<Example> training, TaggerConfig config) {
        Map<String, Integer> wordCounts = new HashMap<>();
        Map<String, Integer> suffixCounts = new HashMap<>();
        TreeSet<String> shapeSet = new TreeSet<>();
        TreeSet<String> tagSet = new TreeSet<>();
        for (Example e : training) {
            for (int i = 0; i < e.length(); i++) {
                String token = e.tokens().get(i);
                wordCounts.merge(Features.word(token), 1, Integer::sum);
                suffixCounts.merge(Features.suffix(token, config.suffixLength()), 1, Integer::sum);
                shapeSet.add(Features.shape(token));
                String tag = e.tags().get(i);
                if (tag == null || tag.isEmpty()) {
                    throw new IllegalArgumentException("example " + e.id() + ", position " + i + ": empty tag");
                }
                tagSet.add(tag);
            }
        }
        return new Vocabularies(table(wordCounts, config.minWordCount()), withUnknown(shapeSet),
                table(suffixCounts, config.minWordCount()), new ArrayList<>(tagSet), config.suffixLength());
    }

    /**
     * The same vocabularies with the tag set widened to {@code taskTags}: the tag set belongs to the
     * task (every tag of every split), not to what the training subset happens to contain, so a
     * dev or test tag that training never saw is a rare output, not an error.
     */
    public Vocabularies withTaskTags(java.util.Collection<String> taskTags) {
        TreeSet<String> all = new TreeSet<>(tags);
        all.addAll(taskTags);
        return new Vocabularies(words, shapes, suffixes, new ArrayList<>(all), suffixLength);
    }

    private static List<String> table(Map<String, Integer> counts, int minCount) {
        TreeSet<String> kept = new TreeSet<>();
        counts.forEach((k, v) -> {
            if (v >= minCount) {
                kept.add(k);
            }
        });
        return withUnknown(kept);
    }

    private static List<String> withUnknown(TreeSet<String> symbols) {
        List<String> out = new ArrayList<>(symbols.size() + 1);
        out.add(UNKNOWN);
        symbols.remove(UNKNOWN);
        out.addAll(symbols);
        return out;
    }

    private static Map<String, Integer> index(List<String> table) {
        Map<String, Integer> m = new HashMap<>(table.size() * 2);
        for (int i = 0; i < table.size(); i++) {
            if (m.put(table.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary entry: " + table.get(i));
            }
        }
        return m;
    }

    public int wordIndex(String token) {
        return wordIds.getOrDefault(Features.word(token), 0);
    }

    public int shapeIndex(String token) {
        return shapeIds.getOrDefault(Features.shape(token), 0);
    }

    public int suffixIndex(String token) {
        return suffixIds.getOrDefault(Features.suffix(token, suffixLength), 0);
    }

    /** @throws UnknownTagException if the tag is not in the tag set */
    public int tagIndex(String tag) {
        Integer i = tagIds.get(tag);
        if (i == null) {
            throw new UnknownTagException(tag, "unknown tag '" + tag + "' (the model knows " + tags.size()
                    + " tags: " + preview() + ")");
        }
        return i;
    }

    /** @throws UnknownTagException naming the example id, the position and the tag */
    public void checkTags(Example e) {
        for (int i = 0; i < e.length(); i++) {
            String tag = e.tags().get(i);
            if (!tagIds.containsKey(tag)) {
                throw new UnknownTagException(tag, "example " + e.id() + ", position " + i + " (token '"
                        + e.tokens().get(i) + "'): unknown tag '" + tag + "' (the model knows " + tags.size()
                        + " tags: " + preview() + ")");
            }
        }
    }

    private String preview() {
        return tags.size() <= 20 ? tags.toString() : tags.subList(0, 20) + "...";
    }

    public String tag(int index) {
        return tags.get(index);
    }

    public List<String> tags() {
        return tags;
    }

    /** True when every tag is O, B-X or I-X, i.e. the BIO transition constraint applies. */
    public boolean isBio() {
        return bio;
    }

    public List<String> words() {
        return words;
    }

    public List<String> shapes() {
        return shapes;
    }

    public List<String> suffixes() {
        return suffixes;
    }

    public int suffixLength() {
        return suffixLength;
    }

    public int numTags() {
        return tags.size();
    }

    /** Decoder input index of the "previous tag" before the first position. */
    public int bosIndex() {
        return tags.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabularies v && v.suffixLength == suffixLength && v.words.equals(words)
                && v.shapes.equals(shapes) && v.suffixes.equals(suffixes) && v.tags.equals(tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(words, shapes, suffixes, tags, suffixLength);
    }

    @Override
    public String toString() {
        return "Vocabularies[words=" + words.size() + ", shapes=" + shapes.size() + ", suffixes=" + suffixes.size()
                + ", tags=" + tags.size() + (bio ? ", BIO" : "") + "]";
    }

    /** Sizes for the manifest's extras. */
    public Map<String, String> summary() {
        Map<String, String> m = new TreeMap<>();
        m.put("vocab.words", Integer.toString(words.size()));
        m.put("vocab.shapes", Integer.toString(shapes.size()));
        m.put("vocab.suffixes", Integer.toString(suffixes.size()));
        m.put("vocab.tags", Integer.toString(tags.size()));
        return Collections.unmodifiableMap(m);
    }
}

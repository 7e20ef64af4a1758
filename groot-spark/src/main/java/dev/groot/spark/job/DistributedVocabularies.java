package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.Features;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link Vocabularies#build} computed on the executors: words, shapes and suffixes are counted
 * per partition and summed by key, and only the kept symbols travel to the driver (not the
 * training sentences). Gives the same tables as the local build followed by
 * {@code withTaskTags(taskTags)}.
 */
final class DistributedVocabularies {

    private static final char WORD = 'w';
    private static final char SHAPE = 'h';
    private static final char SUFFIX = 's';

    private DistributedVocabularies() {
    }

    static Vocabularies build(JavaRDD<Example> train, Collection<String> taskTags, TaggerConfig config) {
        int suffixLength = config.suffixLength();
        int minCount = config.minWordCount();
        List<String> kept = train.flatMapToPair(e -> {
            List<Tuple2<String, Long>> out = new ArrayList<>(3 * e.length());
            for (int i = 0; i < e.length(); i++) {
                String tag = e.tags().get(i);
                if (tag == null || tag.isEmpty()) {
                    throw new IllegalArgumentException("example " + e.id() + ", position " + i + ": empty tag");
                }
                String token = e.tokens().get(i);
                out.add(new Tuple2<>(WORD + Features.word(token), 1L));
                out.add(new Tuple2<>(SHAPE + Features.shape(token), 1L));
                out.add(new Tuple2<>(SUFFIX + Features.suffix(token, suffixLength), 1L));
            }
            return out.iterator();
        }).reduceByKey(Long::sum)
                .filter(t -> t._1().charAt(0) == SHAPE || t._2() >= minCount)
                .keys().collect();
        TreeSet<String> words = new TreeSet<>();
        TreeSet<String> shapes = new TreeSet<>();
        TreeSet<String> suffixes = new TreeSet<>();
        for (String key : kept) {
            String symbol = key.substring(1);
            switch (key.charAt(0)) {
                case WORD -> words.add(symbol);
                case SHAPE -> shapes.add(symbol);
                default -> suffixes.add(symbol);
            }
        }
        return Vocabularies.of(withUnknown(words), withUnknown(shapes), withUnknown(suffixes),
                new ArrayList<>(new TreeSet<>(taskTags)), suffixLength);
    }

    /** Index 0 is the unknown symbol, then the symbols in sorted order (as the local build does). */
    private static List<String> withUnknown(TreeSet<String> symbols) {
        List<String> out = new ArrayList<>(symbols.size() + 1);
        out.add(Vocabularies.UNKNOWN);
        symbols.remove(Vocabularies.UNKNOWN);
        out.addAll(symbols);
        return out;
    }
}

package dev.groot.model.update;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared data for the grouped-update tests: sentences of different lengths with random weighted rows. */
final class GroupedFixtures {
    static final List<Example> TRAIN = SyntheticCorpus.pos(60, 7, "train");

    private GroupedFixtures() {
    }

    static Vocabularies vocab(TaggerConfig c) {
        return Vocabularies.build(TRAIN, c);
    }

    /** A tiny config with L2 on (so the regularisation plumbing is compared too), no dropout, no clipping. */
    static TaggerConfig tiny() {
        return new TaggerConfig(8, 4, 4, 4, 8, 8, 0.0, 1, 2, 11L, "adam", 1e-2, 1e-3, 0.0);
    }

    /**
     * Groups over sentences of different lengths: row 0 the gold tags, further rows random tag
     * sequences; weights in [-1.5, 1.5] (negative ones included); 1 to 4 rows per group.
     */
    static List<SentenceGroup> groups(Vocabularies v, int count, long seed) {
        Random r = new Random(seed);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < v.numTags(); i++) {
            tags.add(v.tags().get(i));
        }
        List<SentenceGroup> out = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            Example e = TRAIN.get((g * 7) % TRAIN.size());
            List<SentenceGroup.Row> rows = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                List<String> y = new ArrayList<>(e.tags());
                if (k > 0) {
                    for (int t = 0; t < y.size(); t++) {
                        if (r.nextInt(3) == 0) {
                            y.set(t, tags.get(r.nextInt(tags.size())));
                        }
                    }
                }
                double w = k == 0 ? 1.0 : -1.5 + 3 * r.nextDouble();
                rows.add(new SentenceGroup.Row(y, w));
            }
            out.add(new SentenceGroup(e.tokens(), rows));
        }
        return out;
    }

    static int rowCount(List<SentenceGroup> groups) {
        return groups.stream().mapToInt(s -> s.rows().size()).sum();
    }

    /** Largest |a - b| over a parameter, relative to the largest |b| (floored at 1e-3). */
    static double relativeError(INDArray a, INDArray b) {
        double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
        return a.castTo(b.dataType()).sub(b).amaxNumber().doubleValue() / scale;
    }

    static INDArray groupedGradient(ComputationGraph grouped, String key) {
        return grouped.gradient().getGradientFor(GroupedParams.LAYER + "_" + key);
    }
}

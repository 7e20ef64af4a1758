package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import dev.groot.model.train.LocalEpochFitter;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;
import java.util.Map;

/** Tiny models for tests: created from a synthetic corpus and optionally trained a few epochs (seconds). */
public final class TestModels {
    private TestModels() {
    }

    public static TaggerModel fresh(List<Example> train, TaggerConfig c) {
        Vocabularies v = Vocabularies.build(train, c);
        return TaggerModel.create(c, v, ModelManifest.create(c, ModelManifest.hashExamples(train), Map.of()));
    }

    public static TaggerModel trained(List<Example> train, TaggerConfig c, int epochs) {
        TaggerModel m = fresh(train, c);
        ComputationGraph net = m.networkCopy();
        LocalEpochFitter<?> fitter = LocalEpochFitter.ofRows(m.vocabularies(), SyntheticCorpus.goldRows(train), 16, c.seed());
        for (int e = 1; e <= epochs; e++) {
            fitter.fitEpoch(net, e);
        }
        return m.withNetwork(net, m.manifest());
    }

    public static List<List<String>> tokens(List<Example> examples) {
        return examples.stream().map(Example::tokens).toList();
    }

    public static List<List<String>> tags(List<Example> examples) {
        return examples.stream().map(Example::tags).toList();
    }
}

package dev.groot.model.update;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Updater steps, scores and parameter conversion: grouped graph against the standard graph. */
class GroupedTrainingTest {

    @Test
    void oneAdamStepEqualsStandardGraphStep() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph standard = NetworkFactory.build(c, v);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        List<SentenceGroup> groups = GroupedFixtures.groups(v, 8, 21);
        standard.fit(TrainingBatches.build(v, GroupedBatches.rows(groups)));
        grouped.fit(GroupedBatches.build(v, groups));
        ComputationGraph fresh = NetworkFactory.build(c, v);
        double moved = 0;
        for (Map.Entry<String, INDArray> e : GroupedParams.groupedLayer(grouped).paramTable().entrySet()) {
            INDArray expected = GroupedParams.standardParam(standard, e.getKey());
            INDArray actual = e.getValue().reshape(expected.shape());
            double diff = actual.sub(expected).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5, e.getKey() + ": max difference " + diff);
            moved = Math.max(moved, expected.sub(GroupedParams.standardParam(fresh, e.getKey())).amaxNumber().doubleValue());
        }
        assertTrue(moved > 5e-3, "the step must move parameters (Adam lr 1e-2), moved " + moved);
    }

    @Test
    void conversionRoundTripIsExactAndScoresAgree() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph standard = NetworkFactory.build(c, v);
        standard.fit(TrainingBatches.build(v, GroupedBatches.rows(GroupedFixtures.groups(v, 6, 2))));
        ComputationGraph grouped = NetworkFactory.buildGrouped(c.withSeed(99), v);
        GroupedParams.toGrouped(standard, grouped);
        ComputationGraph back = NetworkFactory.build(c.withSeed(123), v);
        assertTrue(!back.params().equals(standard.params()));
        GroupedParams.toStandard(grouped, back);
        assertEquals(standard.params(), back.params());
        assertEquals(standard.numParams(), grouped.numParams());

        List<SentenceGroup> groups = GroupedFixtures.groups(v, 7, 5);
        double expected = standard.score(TrainingBatches.build(v, GroupedBatches.rows(groups)));
        double actual = grouped.score(GroupedBatches.build(v, groups));
        assertEquals(expected, actual, 1e-5 * Math.abs(expected));
    }

    @Test
    void trainingLowersTheLossAndPaddingGroupsChangeNothing() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        List<SentenceGroup> groups = GroupedBatches.group(dev.groot.model.tagger.SyntheticCorpus.goldRows(GroupedFixtures.TRAIN));
        MultiDataSet all = GroupedBatches.build(v, groups);
        double before = grouped.score(all);
        for (int epoch = 0; epoch < 8; epoch++) {
            for (MultiDataSet mds : GroupedBatches.minibatches(v, groups, 16)) {
                grouped.fit(mds);
            }
        }
        double after = grouped.score(all);
        assertTrue(after < 0.6 * before, "loss " + before + " -> " + after);
        // The same group alone or packed next to longer groups with more rows scores the same.
        SentenceGroup first = groups.stream().min(java.util.Comparator.comparingInt(g -> g.tokens().size())).orElseThrow();
        SentenceGroup neighbour = GroupedFixtures.groups(v, 30, 4).stream()
                .filter(g -> g.tokens().size() > first.tokens().size() && g.rows().size() > first.rows().size())
                .findFirst().orElseThrow();
        double alone = grouped.scoreExamples(GroupedBatches.build(v, List.of(first)), false).getDouble(0);
        MultiDataSet packed = GroupedBatches.build(v, List.of(first, neighbour));
        INDArray perGroup = grouped.scoreExamples(packed, false);
        assertEquals(alone, perGroup.getDouble(0), 1e-5 * Math.abs(alone));
    }

    @Test
    void configurationSurvivesDl4jJsonRoundTrip() {
        TaggerConfig c = GroupedFixtures.tiny().withDropout(0.25);
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        String json = grouped.getConfiguration().toJson();
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration back =
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json);
        GroupedTaggerOutputLayer before = (GroupedTaggerOutputLayer) GroupedParams.groupedLayer(grouped).conf().getLayer();
        GroupedTaggerOutputLayer after = (GroupedTaggerOutputLayer) back.getVertices().values().stream()
                .filter(x -> x instanceof org.deeplearning4j.nn.conf.graph.LayerVertex)
                .map(x -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) x).getLayerConf().getLayer())
                .findFirst().orElseThrow();
        assertEquals(before, after);
        assertEquals(0.25, after.getDropRate());
        assertEquals(v.words().size(), after.getNWords());
        ComputationGraph rebuilt = new ComputationGraph(back);
        rebuilt.init(grouped.params().dup(), false);
        MultiDataSet mds = GroupedBatches.build(v, GroupedFixtures.groups(v, 3, 8));
        assertEquals(grouped.score(mds), rebuilt.score(mds), 1e-6);
    }

    @Test
    void outputHoldsEachPresentRowsNextTagDistribution() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        List<SentenceGroup> groups = GroupedFixtures.groups(v, 4, 31);
        MultiDataSet mds = GroupedBatches.build(v, groups);
        INDArray out = grouped.outputSingle(mds.getFeatures(0));
        int nTags = v.numTags();
        int slots = groups.stream().mapToInt(g -> g.rows().size()).max().orElseThrow();
        for (int g = 0; g < groups.size(); g++) {
            for (int r = 0; r < slots; r++) {
                for (int t = 0; t < out.size(2); t++) {
                    double sum = 0;
                    for (int k = 0; k < nTags; k++) {
                        sum += out.getDouble(g, (long) r * nTags + k, t);
                    }
                    boolean present = r < groups.get(g).rows().size() && t < groups.get(g).tokens().size();
                    assertEquals(present ? 1.0 : 0.0, sum, 1e-4, "group " + g + " row " + r + " t " + t);
                }
            }
        }
    }
}

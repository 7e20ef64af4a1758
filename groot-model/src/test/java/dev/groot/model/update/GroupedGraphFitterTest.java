package dev.groot.model.update;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.groot.model.train.LocalEpochFitter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupedGraphFitterTest {
    // The grouped graph trained by the local fitter over sentence groups (GroupedGraphFitter + LocalEpochFitter).

    @Test
    void oneWholeBatchEpochEqualsOneStandardStepAndWritesBack() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        List<SentenceGroup> groups = GroupedFixtures.groups(v, 10, 17);
        ComputationGraph viaFitter = NetworkFactory.build(c, v);
        ComputationGraph standard = NetworkFactory.build(c, v);
        new GroupedGraphFitter(c, v, new LocalEpochFitter<>(v, GroupedBatches.UNITS, groups, groups.size(), 1))
                .fitEpoch(viaFitter, 1);
        standard.fit(TrainingBatches.build(v, GroupedBatches.rows(groups)));
        double diff = viaFitter.params().sub(standard.params()).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, "max parameter difference " + diff);
        assertTrue(viaFitter.params().sub(NetworkFactory.build(c, v).params()).amaxNumber().doubleValue() > 5e-3,
                "the epoch must have been copied back into the standard net");
    }

    @Test
    void epochsLowerTheStandardNetsLoss() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        List<SentenceGroup> groups = GroupedBatches.group(SyntheticCorpus.goldRows(GroupedFixtures.TRAIN));
        ComputationGraph net = NetworkFactory.build(c, v);
        MultiDataSet all = TrainingBatches.build(v, GroupedBatches.rows(groups));
        double before = net.score(all);
        GroupedGraphFitter fitter = new GroupedGraphFitter(c, v, new LocalEpochFitter<>(v, GroupedBatches.UNITS, groups, 4, 3));
        assertEquals(GroupedBatches.rows(groups).stream().mapToLong(r -> r.tokens().size()).sum(), fitter.tokensPerEpoch());
        double first = fitter.fitEpoch(net, 1);
        double last = first;
        for (int e = 2; e <= 6; e++) {
            last = fitter.fitEpoch(net, e);
        }
        assertTrue(last < first, "epoch loss " + first + " -> " + last);
        double after = net.score(all);
        assertTrue(after < 0.7 * before, "standard net score " + before + " -> " + after);
    }
}

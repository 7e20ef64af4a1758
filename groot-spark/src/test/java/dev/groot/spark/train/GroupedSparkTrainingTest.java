package dev.groot.spark.train;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.update.GroupedParams;
import dev.groot.model.update.SentenceGroup;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grouped layer trained through DL4J's parameter-averaging trainer with one worker must train
 * exactly like the single-JVM loop over the same grouped minibatches (negative weights included):
 * this also proves the layer's configuration survives DL4J's JSON round trip to the executors.
 */
@Tag("spark")
class GroupedSparkTrainingTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = dev.groot.spark.job.SparkTestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final TaggerConfig CONFIG = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 3L, "adam", 1e-2, 0.0, 0.0);

    private static List<SentenceGroup> groups(List<Example> corpus) {
        List<SentenceGroup> groups = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 3) {
            Example e = corpus.get(i);
            List<SentenceGroup.Row> rows = new ArrayList<>();
            rows.add(new SentenceGroup.Row(e.tags(), 1.0));
            for (int k = 1; k <= i % 3 + 1; k++) {
                List<String> y = new ArrayList<>(e.tags());
                y.set((k * 7) % y.size(), "O");
                rows.add(new SentenceGroup.Row(y, k % 2 == 0 ? 0.5 : -0.3));
            }
            groups.add(new SentenceGroup(e.tokens(), rows));
        }
        return groups;
    }

    @Test
    void oneWorkerEqualsLocalGroupedTraining() {
        TaggerConfig config = CONFIG;
        List<Example> corpus = SyntheticCorpus.spans(60, 4, "train");
        Vocabularies vocab = Vocabularies.build(corpus, config);
        List<SentenceGroup> groups = groups(corpus);
        int groupsPerBatch = 4;

        ComputationGraph start = NetworkFactory.build(config, vocab);
        ComputationGraph local = NetworkFactory.buildGrouped(config, vocab);
        GroupedParams.toGrouped(start, local);
        for (int from = 0; from < groups.size(); from += groupsPerBatch) {
            MultiDataSet mds = GroupedBatches.build(vocab, groups.subList(from, Math.min(groups.size(), from + groupsPerBatch)));
            local.fit(mds);
        }
        ComputationGraph localStandard = NetworkFactory.build(config, vocab);
        GroupedParams.toStandard(local, localStandard);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int minibatches = (groups.size() + groupsPerBatch - 1) / groupsPerBatch;
        TrainingMasterSettings settings = new TrainingMasterSettings(1, groupsPerBatch, minibatches, 0, "direct", null, 3L);
        ComputationGraph distributed = NetworkFactory.build(config, vocab);
        new GroupedGraphFitter(config, vocab, new SparkEpochFitter<>(jsc, GroupedBatches.UNITS, jsc.parallelize(groups, 1),
                vocab, settings, false)).fitEpoch(distributed, 1);

        double maxDiff = localStandard.params().sub(distributed.params()).amaxNumber().doubleValue();
        double moved = localStandard.params().sub(start.params()).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "training moved the parameters (" + moved + ")");
        assertTrue(maxDiff < 1e-4, "Spark (1 worker) and local grouped parameters differ by " + maxDiff);
    }

    /**
     * --optimizer-state continue on the Spark path: a new fitter that takes the state stored with the
     * model trains epoch 2 like the fitter that trained epoch 1 kept doing (the state and iteration
     * count reach the worker); a fresh state does not.
     */
    @Test
    void aContinuedOptimizerStateReachesTheWorker() {
        List<Example> corpus = SyntheticCorpus.spans(60, 4, "train");
        Vocabularies vocab = Vocabularies.build(corpus, CONFIG);
        List<SentenceGroup> groups = groups(corpus);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainingMasterSettings settings = new TrainingMasterSettings(1, 4, 2, 0, "direct", null, 3L);
        java.util.function.Supplier<SparkEpochFitter<SentenceGroup>> inner = () -> new SparkEpochFitter<>(jsc,
                GroupedBatches.UNITS, jsc.parallelize(groups, 1), vocab, settings, false);

        ComputationGraph kept = NetworkFactory.build(CONFIG, vocab);
        GroupedGraphFitter both = new GroupedGraphFitter(CONFIG, vocab, inner.get());
        both.fitEpoch(kept, 1);
        ComputationGraph continued = NetworkFactory.copy(kept);
        ComputationGraph fresh = NetworkFactory.copy(kept);
        both.fitEpoch(kept, 2);
        new GroupedGraphFitter(CONFIG, vocab, inner.get(), true).fitEpoch(continued, 2);
        new GroupedGraphFitter(CONFIG, vocab, inner.get(), false).fitEpoch(fresh, 2);

        double continuedDiff = kept.params().sub(continued.params()).amaxNumber().doubleValue();
        double freshDiff = kept.params().sub(fresh.params()).amaxNumber().doubleValue();
        assertTrue(continuedDiff < 1e-4, "continued state differs by " + continuedDiff);
        assertTrue(freshDiff > 1e-3, "a fresh state should train differently, differs by " + freshDiff);
    }
}

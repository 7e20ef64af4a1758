package dev.groot.spark.train;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's parameter-averaging trainer with one worker must train exactly like the single-JVM
 * loop over the same minibatches in the same order (weighted rows, negative weights included).
 */
@Tag("spark")
class SparkEpochFitterTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = dev.groot.spark.job.SparkTestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Plain SGD: the two paths agree over several epochs. */
    @Test
    void oneWorkerEqualsLocalTrainingOverEpochs() {
        assertSameParameters("sgd", 1e-1, 2);
    }

    /**
     * Adam: one epoch agrees exactly. (Over several epochs DL4J's worker restarts Adam's bias
     * correction at each averaging round, so only the first round is comparable step for step.)
     */
    @Test
    void oneWorkerEqualsLocalTrainingWithAdam() {
        assertSameParameters("adam", 1e-2, 1);
    }

    private void assertSameParameters(String updater, double lr, int epochs) {
        TaggerConfig config = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 3L, updater, lr, 0.0, 0.0);
        List<Example> corpus = SyntheticCorpus.spans(60, 4, "train");
        Vocabularies vocab = Vocabularies.build(corpus, config);
        TaggerModel model = TaggerModel.create(config, vocab, ModelManifest.create(config, "t", Map.of()));
        List<WeightedSequence> rows = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Example e = corpus.get(i);
            rows.add(new WeightedSequence(e.tokens(), e.tags(), i % 5 == 0 ? -0.3 : 1.0 + i % 3));
        }
        int batch = 8;

        ComputationGraph local = model.networkCopy();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (MultiDataSet mds : TrainingBatches.minibatches(vocab, rows, batch)) {
                local.fit(mds);
            }
        }

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // One worker, one partition, one averaging round per epoch (frequency = minibatches per epoch,
        // which is also what the master advances the iteration count by).
        int minibatches = (rows.size() + batch - 1) / batch;
        TrainingMasterSettings settings = new TrainingMasterSettings(1, batch, minibatches, 0, "direct", null, 3L);
        SparkEpochFitter fitter = new SparkEpochFitter(jsc, jsc.parallelize(rows, 1), vocab, settings, false);
        ComputationGraph distributed = model.networkCopy();
        for (int epoch = 0; epoch < epochs; epoch++) {
            fitter.fitEpoch(distributed, epoch);
        }

        INDArray a = local.params();
        INDArray b = distributed.params();
        double maxDiff = a.sub(b).amaxNumber().doubleValue();
        double moved = a.sub(model.networkCopy().params()).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "training moved the parameters (" + moved + ")");
        assertTrue(maxDiff < 1e-4, "Spark (1 worker) and local parameters differ by " + maxDiff);
    }
}

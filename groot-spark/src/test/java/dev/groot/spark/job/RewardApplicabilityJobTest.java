package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.spark.io.ExampleParquet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train and evaluate refuse a span reward on POS data (no spans) before any work, naming what to use. */
@Tag("spark")
class RewardApplicabilityJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String posData;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        List<Example> all = new ArrayList<>(SyntheticCorpus.pos(20, 1, "train"));
        all.addAll(SyntheticCorpus.pos(8, 2, "dev"));
        List<Row> rows = new ArrayList<>();
        for (Example e : all) {
            rows.add(RowFactory.create(e.id(), e.source(), e.split(), e.tokens().toArray(new String[0]),
                    e.tags().toArray(new String[0])));
        }
        posData = tmp.resolve("pos").toString();
        ExampleParquet.write(spark.createDataFrame(rows, SparkTestData.EXAMPLE), posData + "/" + ExampleParquet.EXAMPLES_DIR);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void trainRefusesTheDefaultSpanRewardOnPosDataBeforeWritingAnything() {
        Path run = tmp.resolve("run");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GrootTrainJob(spark, SparkTestData.config(posData, run.toString(), 1, true), l -> { }).run());
        assertTrue(e.getMessage().startsWith("reward 'span-fbeta:beta=1.0' scores every prediction 1.0 on the tags of "
                + posData), e.getMessage());
        assertTrue(e.getMessage().contains("--reward token-accuracy"), e.getMessage());
        assertFalse(Files.exists(run), "nothing written before the refusal");
    }

    @Test
    void evaluateRefusesASpanRewardOnAPosModelAndAcceptsTokenAccuracy() {
        List<Example> train = SyntheticCorpus.pos(20, 1, "train");
        Vocabularies vocab = Vocabularies.build(train, SparkTestData.smallTagger());
        TaggerModel model = TaggerModel.create(SparkTestData.smallTagger(), vocab,
                ModelManifest.create(SparkTestData.smallTagger(), "test", Map.of()));
        String modelPath = tmp.resolve("pos.groot").toString();
        ModelIO.save(model, modelPath, new Configuration());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluateJob.run(spark,
                modelPath, posData, "dev", 2, 2, List.of("token-accuracy", "span-recall"), true, null));
        assertTrue(e.getMessage().startsWith("reward 'span-recall' scores every prediction 1.0 on the tags of model "
                + modelPath), e.getMessage());
        Map<String, Object> ok = EvaluateJob.run(spark, modelPath, posData, "dev", 2, 2, List.of("token-accuracy"),
                true, null);
        assertEquals(8L, ok.get("sentences"));
    }
}

package dev.groot.spark.job;

import dev.groot.model.eval.EvaluationResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.data.Example;
import dev.groot.model.eval.TopKRow;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.RewardApplicability;
import dev.groot.model.reward.Rewards;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code groot evaluate}: top-1 corpus metrics and top-K figures of a model on one split, as JSON;
 * the top-1 answer is chosen by the given {@link Decoding} (recorded under {@code decoding}), and
 * {@code calibration} holds the reliability of the model's top-K distribution under the first reward.
 */
public final class EvaluateJob {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluateJob() {
    }

    public static Map<String, Object> run(SparkSession spark, String modelPath, String data, String split, int k,
                                          int beam, List<String> rewardSpecs, boolean constrainBio, String output) {
        return run(spark, modelPath, data, split, k, beam, rewardSpecs, constrainBio, output, DecodeOptions.MAP);
    }

    /** @param decode --decode, --mbr-reward (none given = the first reward) and --mbr-temperature */
    public static Map<String, Object> run(SparkSession spark, String modelPath, String data, String split, int k,
                                          int beam, List<String> rewardSpecs, boolean constrainBio, String output,
                                          DecodeOptions decode) {
        List<Reward> rewards = new ArrayList<>();
        for (String spec : rewardSpecs) {
            rewards.add(Rewards.validate(Rewards.parse(spec)));
        }
        TaggerModel model = ModelIO.load(modelPath, spark.sparkContext().hadoopConfiguration());
        rewards.forEach(r -> RewardApplicability.check(r, model.vocabularies().tags(), "model " + modelPath));
        Decoding decoding = decode.decoding(rewards.get(0), model.vocabularies().tags(), "model " + modelPath);
        JavaRDD<Example> examples = ExampleData.split(ExampleData.read(spark, data), split, 0, 0)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long n = examples.count();
        if (n == 0) {
            throw new IllegalArgumentException(data + " has no sentences in split '" + split + "'");
        }
        DevEvaluation eval = new DevEvaluation(JavaSparkContext.fromSparkContext(spark.sparkContext()), examples,
                rewards, k, Math.max(beam, k), constrainBio, 256, decoding);
        EvaluationResult result = eval.evaluate(model);
        examples.unpersist();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelPath);
        json.put("data", data);
        json.put("split", split);
        json.put("sentences", n);
        json.put("k", k);
        json.put("reward", rewards.get(0).name());
        json.put("decoding", decoding.toMap());
        result.metrics().forEach((name, v) -> {
            if (!name.startsWith("top1/")) {
                json.put(name, v);
            }
        });
        Map<String, Double> top1 = new LinkedHashMap<>();
        result.metrics().forEach((name, v) -> {
            if (name.startsWith("top1/")) {
                top1.put(name.substring(5), v);
            }
        });
        json.put("top1_reward", top1);
        json.put("topk", result.topK().get(rewards.get(0).name()).stream().map(TopKRow::toMap).toList());
        json.put("topk_gold_spans",
                result.topKWithGoldSpans().get(rewards.get(0).name()).stream().map(TopKRow::toMap).toList());
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("reward", rewards.get(0).name());
        calibration.putAll(result.calibration().toMap());
        json.put("calibration", calibration);
        if (output != null) {
            try {
                SmallFiles.writeAtomically(new Path(output), JSON.writeValueAsBytes(json),
                        spark.sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}

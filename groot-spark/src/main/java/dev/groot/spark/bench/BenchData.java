package dev.groot.spark.bench;

import dev.groot.model.data.Example;
import dev.groot.spark.io.ExampleParquet;
import dev.groot.spark.io.GrootSchemas;
import dev.groot.spark.job.ExampleData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's sentences, held on the driver: the train and dev splits of an ingested corpus
 * (capped, seeded choice) or of a {@link ShapedCorpus}. Also knows the full train size, so that a
 * measurement on a subset can be extrapolated.
 *
 * @param source         where the sentences came from (a path, or "synthetic:...")
 * @param fullTrainTokens tokens of the whole train split the figures stand for
 */
public record BenchData(String source, List<Example> train, List<Example> dev, long fullTrainSentences,
                        long fullTrainTokens, long fullDevTokens) {

    /** Brown's train split (DATA.md), what synthetic runs stand for. */
    public static final long BROWN_TRAIN_SENTENCES = 46_682;
    public static final long BROWN_TRAIN_TOKENS = 945_561;
    public static final long BROWN_DEV_TOKENS = 120_857;

    public static BenchData load(SparkSession spark, String path, int maxTrain, int maxDev, long seed) {
        Dataset<Row> examples = ExampleData.read(spark, path);
        List<Example> train = new ArrayList<>(ExampleData.split(examples, "train", maxTrain, seed).collect());
        List<Example> dev = new ArrayList<>(ExampleData.split(examples, "dev", maxDev, seed).collect());
        // Subsets are prefixes: shuffle (seeded) so that they are not the first genres of the corpus.
        Collections.shuffle(train, new Random(seed));
        Collections.shuffle(dev, new Random(seed + 1));
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException(path + " has " + train.size() + " train and " + dev.size()
                    + " dev sentences; the benchmark needs both splits");
        }
        Dataset<Row> trainRows = examples.where("split = 'train'");
        Row sizes = trainRows.selectExpr("count(*)", "sum(size(tokens))").first();
        Row devSizes = examples.where("split = 'dev'").selectExpr("sum(size(tokens))").first();
        return new BenchData(path, train, dev, sizes.getLong(0), sizes.getLong(1), devSizes.getLong(0));
    }

    public static BenchData synthetic(boolean pos, int train, int dev, long seed) {
        ShapedCorpus corpus = new ShapedCorpus(pos);
        return new BenchData("synthetic:" + (pos ? "brown-pos" : "brown-title") + "-shaped",
                corpus.examples(train, seed, "train"), corpus.examples(dev, seed + 1, "dev"),
                BROWN_TRAIN_SENTENCES, BROWN_TRAIN_TOKENS, BROWN_DEV_TOKENS);
    }

    public static long tokens(List<Example> examples) {
        long n = 0;
        for (Example e : examples) {
            n += e.tokens().size();
        }
        return n;
    }

    /** The first {@code n} train sentences (the train list is already a seeded choice). */
    public List<Example> trainHead(int n) {
        return train.subList(0, Math.min(n, train.size()));
    }

    /** Writes the given train and dev sentences as canonical example Parquet under {@code dir}. */
    public static String writeParquet(SparkSession spark, List<Example> train, List<Example> dev, String dir) {
        List<Row> rows = new ArrayList<>(train.size() + dev.size());
        for (List<Example> part : List.of(train, dev)) {
            for (Example e : part) {
                rows.add(RowFactory.create(e.id(), e.source(), e.split(), e.tokens().toArray(new String[0]),
                        e.tags().toArray(new String[0])));
            }
        }
        ExampleParquet.write(spark.createDataFrame(rows, GrootSchemas.EXAMPLE),
                dir + "/" + ExampleParquet.EXAMPLES_DIR);
        return dir;
    }
}

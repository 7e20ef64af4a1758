package dev.groot.spark.io;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.eval.TopKMetrics;
import dev.groot.model.reward.Rewards;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.spark.executor.SentencePrediction;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.reflect.ClassTag$;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Everything groot ships through Spark's serializer on a real cluster (broadcasts, RDD blocks,
 * task results) survives a Kryo round trip with groot's registrator. Local mode keeps broadcasts
 * deserialised, so without this test such failures only show on a cluster.
 */
class KryoRoundTripTest {

    private final SerializerInstance kryo = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", GrootKryoRegistrator.class.getName())).newInstance();

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        var tag = ClassTag$.MODULE$.<T>apply((Class<T>) value.getClass());
        return kryo.deserialize(kryo.serialize(value, tag), tag);
    }

    @Test
    void everyShippedTypeSurvives() {
        TaggerConfig config = TaggerConfig.tiny(3);
        List<Example> corpus = SyntheticCorpus.spans(20, 1, "train");
        Vocabularies vocab = Vocabularies.build(corpus, config);
        assertEquals(vocab.tags(), roundTrip(vocab).tags());
        assertEquals(vocab.words(), roundTrip(vocab).words());

        TaggerModel model = TaggerModel.create(config, vocab, ModelManifest.create(config, "t", Map.of()));
        List<List<String>> sentence = List.of(corpus.get(0).tokens());
        assertEquals(model.topK(sentence, 2, 2, true), roundTrip(model).topK(sentence, 2, 2, true));

        Example e = corpus.get(0);
        assertEquals(e, roundTrip(e));
        Candidate c = new Candidate(e.id(), 1, Origin.CORRECTED, e.tags(), -1.5, 0.5, -0.25);
        assertEquals(c, roundTrip(c));
        WeightedSequence w = new WeightedSequence(e.tokens(), e.tags(), -0.3);
        assertEquals(w, roundTrip(w));
        SentencePrediction p = new SentencePrediction(e.id(), "dev", e.tokens(), e.tags(),
                List.of(new ScoredSequence(e.tags(), -0.1)));
        assertEquals(p, roundTrip(p));

        CorpusMetrics counts = CorpusMetrics.of(e.tags(), e.tags());
        assertEquals(counts.toMap(), roundTrip(counts).toMap());
        TopKMetrics topK = new TopKMetrics(2).add(e.tags(), List.of(e.tags()), Rewards.parse("span-fbeta:beta=1"));
        assertEquals(topK.rows(), roundTrip(topK).rows());

        MultiDataSet batch = TrainingBatches.build(vocab, List.of(w));
        assertEquals(batch.getLabels(0), roundTrip(batch).getLabels(0));
    }

    @Test
    void arraysRoundTripBitForBitInEveryLayout() {
        INDArray floats = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 7, 2);
        INDArray fOrder = Nd4j.rand(DataType.FLOAT, 'f', 6, 3);
        INDArray view = floats.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        INDArray ints = Nd4j.createFromArray(new int[]{-3, 0, 7, Integer.MAX_VALUE});
        INDArray longs = Nd4j.createFromArray(new long[]{Long.MIN_VALUE, 5L});
        INDArray scalar = Nd4j.scalar(2.5f);
        for (INDArray a : List.of(floats, doubles, fOrder, view, ints, longs, scalar)) {
            INDArray back = roundTrip(a);
            assertEquals(a.dataType(), back.dataType(), a.shapeInfoToString());
            assertArrayEquals(a.shape(), back.shape(), a.shapeInfoToString());
            assertEquals(a, back, a.shapeInfoToString());
        }
    }
}

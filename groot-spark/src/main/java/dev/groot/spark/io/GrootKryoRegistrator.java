package dev.groot.spark.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.eval.TopKMetrics;
import dev.groot.model.io.CorpusSummary;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.io.FileReadResult;
import dev.groot.model.io.LocatedExample;
import dev.groot.model.io.ReadError;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kryo setup for groot: ND4J arrays through ND4J's own serializer (Kryo's field serializer would
 * copy off-heap pointers), and Java records through Java serialization (Kryo 4 cannot build
 * records: they have no no-argument constructor and final fields).
 */
public class GrootKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(INDArray.class, new Nd4jSerializer());
        JavaSerializer java = new JavaSerializer();
        // Every record (Example, Candidate, WeightedSequence, ScoredSequence, ...) that travels in an
        // RDD: a default serializer for java.lang.Record covers the ones added later too.
        kryo.addDefaultSerializer(Record.class, java);
        // Classes holding immutable JDK collections (List.copyOf, Map.copyOf), which Kryo cannot
        // rebuild: the tagger's vocabularies (broadcast to the training workers), the model itself,
        // and the evaluation accumulators that come back from the executors.
        for (Class<?> c : new Class<?>[]{Example.class, Candidate.class, ReadError.class, LocatedExample.class,
                FileReadResult.class, CorpusSummary.class, Vocabularies.class, TaggerModel.class,
                CorpusMetrics.class, TopKMetrics.class}) {
            kryo.register(c, java);
        }
    }
}

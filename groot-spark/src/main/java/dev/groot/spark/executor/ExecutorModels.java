package dev.groot.spark.executor;

import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ships a model to the executors once and deserialises it once per executor JVM: the serialised
 * bytes travel as a Spark broadcast, and the first task on each executor that needs the model
 * turns them into a TaggerModel that every later task of the same iteration reuses.
 * DL4J networks are not safe for concurrent use, so each task thread works on its own cheap
 * parameter copy of the cached model (copying is not deserialising).
 */
public final class ExecutorModels {

    /** One cached model per executor; a new iteration's key evicts the previous one. */
    private static final ConcurrentHashMap<String, TaggerModel> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<ThreadCopy> THREAD_COPY = new ThreadLocal<>();
    private static volatile int deserialisations;

    private record ThreadCopy(String key, TaggerModel model) {
    }

    private ExecutorModels() {
    }

    /** A serialisable handle a task can resolve to the model. */
    public record Handle(String key, Broadcast<byte[]> bytes) implements Serializable {

        /** Frees the broadcast on the driver and every executor (call once no task needs the model). */
        public void destroy() {
            bytes.destroy();
        }

        public TaggerModel get() {
            ThreadCopy copy = THREAD_COPY.get();
            if (copy == null || !copy.key().equals(key)) {
                TaggerModel shared = shared();
                copy = new ThreadCopy(key, shared.withNetwork(shared.networkCopy(), shared.manifest()));
                THREAD_COPY.set(copy);
            }
            return copy.model();
        }

        private TaggerModel shared() {
            TaggerModel cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            synchronized (CACHE) {
                cached = CACHE.get(key);
                if (cached == null) {
                    CACHE.clear();
                    cached = ModelIO.fromBytes(bytes.value());
                    deserialisations++;
                    CACHE.put(key, cached);
                }
                return cached;
            }
        }
    }

    /** @param key unique per model version, e.g. {@code runId/iteration=3} */
    public static Handle broadcast(JavaSparkContext jsc, String key, TaggerModel model) {
        return new Handle(key, jsc.broadcast(ModelIO.toBytesForInference(model)));
    }

    /** How many times this JVM deserialised a model (tests check "once per executor"). */
    public static int deserialisations() {
        return deserialisations;
    }
}

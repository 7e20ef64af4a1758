package dev.groot.spark.executor;

import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ships a model to the executors once and deserialises it once per executor JVM: the serialised
 * bytes travel as a Spark broadcast, and the first task on each executor that needs the model
 * turns them into a TaggerModel that every later task of the same iteration reuses.
 * DL4J networks are not safe for concurrent use, so each task thread works on its own cheap
 * parameter copy of the cached model (copying is not deserialising). Models in different slots
 * (the current model and cross-fit fold models) are cached side by side.
 */
public final class ExecutorModels {

    /** The slot of models that replace each other (one per iteration, evaluation or prediction). */
    public static final String DEFAULT_SLOT = "model";

    /** One cached model per slot and executor; a new key in a slot evicts the slot's previous model. */
    private static final ConcurrentHashMap<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<String, Cached>> THREAD_COPIES = ThreadLocal.withInitial(HashMap::new);
    private static volatile int deserialisations;

    private record Cached(String key, TaggerModel model) {
    }

    private ExecutorModels() {
    }

    /**
     * A serialisable handle a task can resolve to the model.
     *
     * @param slot models in different slots are cached side by side (e.g. the current model and the
     *             cross-fit fold models of one iteration); a new key in a slot replaces the old one
     */
    public record Handle(String slot, String key, Broadcast<byte[]> bytes) implements Serializable {

        /** Frees the broadcast on the driver and every executor (call once no task needs the model). */
        public void destroy() {
            bytes.destroy();
        }

        public TaggerModel get() {
            Map<String, Cached> copies = THREAD_COPIES.get();
            Cached copy = copies.get(slot);
            if (copy == null || !copy.key().equals(key)) {
                TaggerModel shared = shared();
                copy = new Cached(key, shared.withNetwork(shared.networkCopy(), shared.manifest()));
                copies.put(slot, copy);
            }
            return copy.model();
        }

        private TaggerModel shared() {
            Cached cached = CACHE.get(slot);
            if (cached != null && cached.key().equals(key)) {
                return cached.model();
            }
            synchronized (CACHE) {
                cached = CACHE.get(slot);
                if (cached == null || !cached.key().equals(key)) {
                    cached = new Cached(key, ModelIO.fromBytes(bytes.value()));
                    deserialisations++;
                    CACHE.put(slot, cached);
                }
                return cached.model();
            }
        }
    }

    /** @param key unique per model version, e.g. {@code runId/iteration=3}; cached in {@link #DEFAULT_SLOT} */
    public static Handle broadcast(JavaSparkContext jsc, String key, TaggerModel model) {
        return broadcast(jsc, DEFAULT_SLOT, key, model);
    }

    /** @param slot where executors cache it (see {@link Handle}) */
    public static Handle broadcast(JavaSparkContext jsc, String slot, String key, TaggerModel model) {
        return new Handle(slot, key, jsc.broadcast(ModelIO.toBytesForInference(model)));
    }

    /** How many times this JVM deserialised a model (tests check "once per executor"). */
    public static int deserialisations() {
        return deserialisations;
    }
}

package dev.groot.model.tagger;

import dev.groot.model.decode.BeamSearch;
import dev.groot.model.decode.StepDecoder;
import dev.groot.model.decode.TeacherForcedScorer;
import dev.groot.model.decode.TransitionConstraint;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The trained generative tagger: network, vocabularies and manifest, immutable (training works on
 * {@link #networkCopy()} and makes a new model with {@link #withNetwork}). Scoring and decoding are
 * thread-safe. Java serialization goes through {@link ModelIO#toBytes} (the same checked format as
 * the model file), so Spark can broadcast the object or its bytes.
 */
public final class TaggerModel implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final TaggerConfig config;
    private final Vocabularies vocabularies;
    private final ModelManifest manifest;
    private final transient ComputationGraph network;
    private transient volatile StepDecoder decoder;

    private TaggerModel(TaggerConfig config, Vocabularies vocabularies, ModelManifest manifest, ComputationGraph network) {
        this.config = Objects.requireNonNull(config, "config");
        this.vocabularies = Objects.requireNonNull(vocabularies, "vocabularies");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.network = Objects.requireNonNull(network, "network");
        if (!manifest.config().equals(config)) {
            throw new IllegalArgumentException("manifest config " + manifest.config() + " differs from model config " + config);
        }
    }

    /** A freshly initialised model (parameters from {@code c.seed()}). */
    public static TaggerModel create(TaggerConfig c, Vocabularies v, ModelManifest m) {
        return new TaggerModel(c, v, m, NetworkFactory.build(c, v));
    }

    /** Wraps an existing network (used by ModelIO); the network must come from NetworkFactory.build(c, v). */
    static TaggerModel of(TaggerConfig c, Vocabularies v, ModelManifest m, ComputationGraph network) {
        return new TaggerModel(c, v, m, network);
    }

    public TaggerConfig config() {
        return config;
    }

    public Vocabularies vocabularies() {
        return vocabularies;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** A copy of the network (parameters, updater state and its counts) to train on. */
    public ComputationGraph networkCopy() {
        synchronized (network) {
            return NetworkFactory.copy(network);
        }
    }

    /** The package's read-only view for saving. */
    ComputationGraph network() {
        return network;
    }

    /** A new model with a copy of {@code trained} and the given manifest; same config and vocabularies. */
    public TaggerModel withNetwork(ComputationGraph trained, ModelManifest m) {
        if (trained.numParams() != network.numParams()) {
            throw new IllegalArgumentException("trained network has " + trained.numParams() + " parameters, model has "
                    + network.numParams() + ": not built by NetworkFactory for this config and vocabularies");
        }
        return new TaggerModel(config, vocabularies, m, NetworkFactory.copy(trained));
    }

    public TaggerModel withManifest(ModelManifest m) {
        return new TaggerModel(config, vocabularies, m, network);
    }

    /**
     * Teacher-forced s(y) = log p(y | x) for each (tokens, tags) pair; pairs with equal tokens
     * (candidates of one sentence) share one encoder pass.
     */
    public double[] logProbs(List<List<String>> tokens, List<List<String>> tags) {
        return new TeacherForcedScorer(decoder()).logProbs(tokens, tags);
    }

    /**
     * Top-k distinct complete tag sequences per sentence, best first, by beam search of width
     * {@code beamWidth >= k}. {@code constrainBio} forbids invalid BIO transitions (ignored when
     * the tag set is not BIO).
     */
    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth, boolean constrainBio) {
        return topK(sentences, k, beamWidth, constrainBio, StepDecoder.DEFAULT_DECODE_BATCH);
    }

    /** As {@link #topK(List, int, int, boolean)}, decoding {@code decodeBatch} sentences together. */
    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth, boolean constrainBio,
                                           int decodeBatch) {
        return new BeamSearch(decoder()).topK(sentences, k, beamWidth,
                TransitionConstraint.forModel(vocabularies, constrainBio), decodeBatch);
    }

    /** Top-k with the default constraint: BIO transitions enforced for BIO tag sets. */
    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int beamWidth) {
        return topK(sentences, k, beamWidth, vocabularies.isBio());
    }

    /** Greedy decoding (beam width 1), with the default constraint. */
    public List<List<String>> greedy(List<List<String>> sentences) {
        return topK(sentences, 1, 1).stream().map(r -> r.get(0).tags()).toList();
    }

    /** The weights as plain matrices for decoding and scoring, copied once on first use. */
    private StepDecoder decoder() {
        StepDecoder d = decoder;
        if (d == null) {
            synchronized (this) {
                if (decoder == null) {
                    decoder = new StepDecoder(network, config, vocabularies);
                }
                d = decoder;
            }
        }
        return d;
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return new Bytes(ModelIO.toBytes(this));
    }

    /** Serialized form: the ModelIO bytes. */
    private record Bytes(byte[] bytes) implements Serializable {
        @Serial
        private Object readResolve() throws ObjectStreamException {
            return ModelIO.fromBytes(bytes);
        }
    }

    @Override
    public String toString() {
        return "TaggerModel[" + vocabularies + ", params=" + network.numParams() + ", created " + manifest.createdAt() + "]";
    }
}

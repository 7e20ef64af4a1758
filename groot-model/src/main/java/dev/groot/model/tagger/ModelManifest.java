package dev.groot.model.tagger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.data.Example;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a model came from: its config and seed, a hash of its training data, library versions, the
 * creation time and free-form extras (iteration, epoch, dev metric, ...). Immutable, JSON-able.
 *
 * @param createdAt ISO-8601 instant
 */
public record ModelManifest(TaggerConfig config, long seed, String trainingDataHash, String dl4jVersion,
                            String javaVersion, String createdAt, Map<String, String> extras) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ModelManifest {
        Objects.requireNonNull(config, "config");
        trainingDataHash = trainingDataHash == null ? "" : trainingDataHash;
        extras = Collections.unmodifiableMap(new TreeMap<>(extras == null ? Map.of() : extras));
    }

    /** A manifest for a model created now from {@code config}, with the running library versions. */
    public static ModelManifest create(TaggerConfig config, String trainingDataHash, Map<String, String> extras) {
        return new ModelManifest(config, config.seed(), trainingDataHash, runningDl4jVersion(),
                System.getProperty("java.version"), Instant.now().toString(), extras);
    }

    public ModelManifest withExtra(String key, String value) {
        Map<String, String> m = new HashMap<>(extras);
        m.put(key, value);
        return new ModelManifest(config, seed, trainingDataHash, dl4jVersion, javaVersion, createdAt, m);
    }

    public ModelManifest withExtras(Map<String, String> more) {
        Map<String, String> m = new HashMap<>(extras);
        m.putAll(more);
        return new ModelManifest(config, seed, trainingDataHash, dl4jVersion, javaVersion, createdAt, m);
    }

    /** Same provenance, stamped now (for a model derived by training). */
    public ModelManifest touched() {
        return new ModelManifest(config, seed, trainingDataHash, runningDl4jVersion(), System.getProperty("java.version"),
                Instant.now().toString(), extras);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest as JSON", e);
        }
    }

    public static ModelManifest fromJson(String json) {
        try {
            return JSON.readValue(json, ModelManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid model manifest JSON: " + e.getMessage(), e);
        }
    }

    /** SHA-256 over ids, tokens and tags in order: identifies the training data of a model. */
    public static String hashExamples(Iterable<Example> examples) {
        MessageDigest md = sha256();
        for (Example e : examples) {
            update(md, e.id());
            for (int i = 0; i < e.length(); i++) {
                update(md, e.tokens().get(i));
                update(md, e.tags().get(i));
            }
            md.update((byte) '\n');
        }
        return hex(md.digest());
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    /** The DL4J version on the class path, read from its Maven metadata. */
    public static String runningDl4jVersion() {
        try (InputStream in = org.deeplearning4j.nn.graph.ComputationGraph.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through: the version is informative only
        }
        String v = org.deeplearning4j.nn.graph.ComputationGraph.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}

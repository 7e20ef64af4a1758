package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import dev.groot.model.update.OptimizerStates;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIOTest {
    private static TaggerModel model;
    private static List<Example> dev;

    @BeforeAll
    static void train() {
        List<Example> train = SyntheticCorpus.spans(60, 31, "train");
        TaggerModel m = TestModels.trained(train, TaggerConfig.tiny(32), 1);
        model = m.withManifest(m.manifest().withExtra("iteration", "0"));
        dev = SyntheticCorpus.spans(10, 33, "dev");
    }

    private static void assertSamePredictions(TaggerModel a, TaggerModel b) {
        List<List<String>> xs = TestModels.tokens(dev);
        assertEquals(a.topK(xs, 3, 4), b.topK(xs, 3, 4));
        assertArrayEquals(a.logProbs(xs, TestModels.tags(dev)), b.logProbs(xs, TestModels.tags(dev)));
        assertEquals(a.manifest(), b.manifest());
        assertEquals(a.vocabularies(), b.vocabularies());
        assertEquals(a.config(), b.config());
    }

    @Test
    void roundTripThroughLocalFileSystem(@TempDir Path dir) throws Exception {
        String uri = dir.resolve("run/best/model.groot").toUri().toString();
        assertTrue(uri.startsWith("file:"));
        ModelIO.save(model, uri, new Configuration());
        ModelIO.save(model, uri, new Configuration()); // overwrite works
        TaggerModel loaded = ModelIO.load(uri, new Configuration());
        assertSamePredictions(model, loaded);
        try (var files = Files.list(dir.resolve("run/best"))) {
            assertEquals(List.of("model.groot"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary or checksum side files left behind");
        }
        // a loaded model keeps its updater state: it can continue training
        assertTrue(loaded.networkCopy().getUpdater().getStateViewArray() != null);
    }

    @Test
    void roundTripThroughBytesAndJavaSerialization() throws Exception {
        assertSamePredictions(model, ModelIO.fromBytes(ModelIO.toBytes(model)));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
            assertSamePredictions(model, (TaggerModel) in.readObject());
        }
    }

    @Test
    void damagedFilesFailWithClearErrors(@TempDir Path dir) throws Exception {
        byte[] good = ModelIO.toBytes(model);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertMessage(flipped, "checksum");
        assertMessage(Arrays.copyOf(good, good.length - 100), "truncated");
        assertMessage(Arrays.copyOf(good, 10), "truncated");
        assertMessage("{\"not\": \"a model\"}".getBytes(), "not a groot model");
        assertMessage(new byte[0], "not a groot model");

        Path file = dir.resolve("broken.groot");
        Files.write(file, Arrays.copyOf(good, good.length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.load(file.toUri().toString(), new Configuration()));
        assertTrue(e.getMessage().contains("broken.groot") && e.getMessage().contains("truncated"), e.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> ModelIO.load(dir.resolve("missing.groot").toUri().toString(), new Configuration()));
        assertTrue(missing.getMessage().contains("missing.groot"), missing.getMessage());
    }

    private static void assertMessage(byte[] bytes, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.fromBytes(bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void manifestRecordsProvenanceAndIsJson() {
        ModelManifest m = model.manifest();
        assertEquals(model.config(), m.config());
        assertEquals(64, m.trainingDataHash().length());
        assertTrue(m.dl4jVersion().startsWith("1.0.0"), m.dl4jVersion());
        assertEquals(System.getProperty("java.version"), m.javaVersion());
        assertEquals(Map.of("iteration", "0"), m.extras());
        assertEquals(m, ModelManifest.fromJson(m.toJson()));
        assertTrue(m.toJson().contains("\"wordEmbedding\""));
    }

    /** Executors only decode: their copy leaves out the Adam moments (twice the parameters) and predicts the same. */
    @Test
    void inferenceBytesLeaveTheOptimizerStateOut() {
        byte[] full = ModelIO.toBytes(model);
        byte[] lean = ModelIO.toBytesForInference(model);
        assertTrue(lean.length < full.length / 2, "lean " + lean.length + " vs full " + full.length + " bytes");
        TaggerModel loaded = ModelIO.fromBytes(lean);
        assertSamePredictions(model, loaded);
        assertTrue(OptimizerStates.hasState(ModelIO.fromBytes(full).networkCopy()),
                "the full bytes keep the state");
    }
}

package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small model saved by an earlier build must still load and predict exactly the same. If the
 * model format or the network changes on purpose, regenerate with
 * {@code mvn -pl groot-model test -Dtest=ModelFixtureTest -Dgroot.regenerateFixtures=true} and say so in the commit.
 */
class ModelFixtureTest {
    private static final String DIR = "fixtures/tagger-tiny/";
    private static final String MODEL = DIR + "model.groot";
    private static final String EXPECTED = DIR + "expected-top3.tsv";

    /** Test input: the fixture's dev sentences (derived from a seed, so not stored). */
    private static List<Example> inputs() {
        return SyntheticCorpus.spans(12, 402, "dev");
    }

    /** One line per (sentence, rank): index, rank, tags joined by spaces, logProb. */
    private static List<String> predict(TaggerModel model) {
        List<Example> dev = inputs();
        List<List<ScoredSequence>> top = model.topK(TestModels.tokens(dev), 3, 4);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < dev.size(); i++) {
            for (int r = 0; r < top.get(i).size(); r++) {
                ScoredSequence s = top.get(i).get(r);
                lines.add(i + "\t" + r + "\t" + String.join(" ", s.tags()) + "\t"
                        + String.format(Locale.ROOT, "%.6f", s.logProb()));
            }
        }
        return lines;
    }

    @Test
    void savedModelStillLoadsAndPredictsTheSame() throws Exception {
        TaggerModel model = ModelIO.load(resource(MODEL).toUri().toString(), new Configuration());
        List<String> expected;
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(EXPECTED))) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> actual = predict(model);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split("\t");
            String[] a = actual.get(i).split("\t");
            assertEquals(e[0] + "\t" + e[1] + "\t" + e[2], a[0] + "\t" + a[1] + "\t" + a[2], "line " + (i + 1));
            // scores may differ in the last float bits across CPU builds (generic vs AVX-512)
            assertEquals(Double.parseDouble(e[3]), Double.parseDouble(a[3]), 1e-5, "line " + (i + 1));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "groot.regenerateFixtures", matches = "true")
    void regenerateFixture() throws IOException {
        List<Example> train = SyntheticCorpus.spans(100, 401, "train");
        TaggerModel model = TestModels.trained(train, TaggerConfig.tiny(400), 12);
        model = model.withManifest(model.manifest().withExtra("purpose", "test fixture"));
        Path dir = Paths.get("src/test/resources", DIR);
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.groot"), ModelIO.toBytes(model));
        Files.write(dir.resolve("expected-top3.tsv"), predict(model), StandardCharsets.UTF_8);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(Objects.requireNonNull(ModelFixtureTest.class.getClassLoader().getResource(name),
                name + " missing: run with -Dgroot.regenerateFixtures=true").toURI());
    }
}

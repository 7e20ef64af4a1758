package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.spark.io.ExampleParquet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code groot predict --format conll}: corpus order of the sentences and K columns on every line. */
@Tag("spark")
class PredictJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void conllIsInCorpusOrderWithKColumnsAndGapsMarked() throws Exception {
        List<Example> train = SyntheticCorpus.spans(60, 1, "train");
        Vocabularies vocab = Vocabularies.build(train, SparkTestData.smallTagger());
        assertEquals(List.of("B-LOC", "B-PER", "I-LOC", "I-PER", "O"), vocab.tags());
        TaggerModel model = TaggerModel.create(SparkTestData.smallTagger(), vocab,
                ModelManifest.create(SparkTestData.smallTagger(), "test", Map.of()));
        String modelPath = tmp.resolve("m.groot").toString();
        ModelIO.save(model, modelPath, new Configuration());

        // ids as the CoNLL reader makes them; sentence 12 has one token: only B-LOC, B-PER, O are valid
        List<Row> rows = new ArrayList<>();
        List<Example> test = SyntheticCorpus.spans(11, 2, "test");
        for (int i = 0; i < test.size(); i++) {
            Example e = test.get(i);
            rows.add(row("t.conll:" + (i + 1), e.tokens(), e.tags()));
        }
        rows.add(row("t.conll:12", List.of("Rome"), List.of("B-LOC")));
        String data = tmp.resolve("data").toString();
        ExampleParquet.write(spark.createDataFrame(rows, SparkTestData.EXAMPLE).repartition(3),
                data + "/" + ExampleParquet.EXAMPLES_DIR);

        Path out = tmp.resolve("test.conll");
        long n = PredictJob.run(spark, modelPath, data, "test", 4, 4, true, out.toString(), "conll", false);
        assertEquals(12, n);

        List<String> lines = Files.readAllLines(out);
        List<String> ids = lines.stream().filter(l -> l.startsWith("# id = ")).map(l -> l.substring(7)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            expected.add("t.conll:" + i);
        }
        assertEquals(expected, ids, "corpus order, not string order (1, 10, 11, 12, 2, ...)");
        for (String l : lines) {
            if (!l.isEmpty() && !l.startsWith("#")) {
                assertEquals(5, l.split("\t", -1).length, "token + K=4 tag columns: " + l);
            }
        }
        String last = lines.get(lines.indexOf("# id = t.conll:12") + 1);
        String[] cols = last.split("\t", -1);
        assertEquals("Rome", cols[0]);
        assertEquals(List.of("B-LOC", "B-PER", "O"), List.of(cols[1], cols[2], cols[3]).stream().sorted().toList(),
                last);
        assertEquals("_", cols[4], "no fourth valid sequence: the gap is marked");
        assertTrue(lines.stream().filter(l -> l.endsWith("\t_")).count() == 1, "only the one-token sentence has a gap");
    }

    private static Row row(String id, List<String> tokens, List<String> tags) {
        return RowFactory.create(id, "t.conll", "test", tokens.toArray(new String[0]), tags.toArray(new String[0]));
    }
}

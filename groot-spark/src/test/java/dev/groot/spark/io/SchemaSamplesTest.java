package dev.groot.spark.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every sample under data-schemas/samples has exactly the fields of its schema (nested records too). */
class SchemaSamplesTest {
    private static final Path DIR = Path.of("..", "data-schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema avsc(String name) throws IOException {
        return new Schema.Parser().parse(DIR.resolve(name + ".avsc").toFile());
    }

    private static void assertShape(Schema schema, JsonNode node, String where) {
        Set<String> expected = new TreeSet<>();
        schema.getFields().forEach(f -> expected.add(f.name()));
        Set<String> actual = new TreeSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual, where + ": fields differ from " + schema.getName());
        for (Schema.Field f : schema.getFields()) {
            Schema type = f.schema();
            if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
                Iterator<JsonNode> items = node.get(f.name()).elements();
                for (int i = 0; items.hasNext(); i++) {
                    assertShape(type.getElementType(), items.next(), where + "." + f.name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void recordSamplesMatchTheirSchemas() throws IOException {
        for (String name : List.of("example", "candidate", "iteration_metrics", "rejection")) {
            List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("samples").resolve(name + ".jsonl")));
            lines.removeIf(String::isBlank);
            assertFalse(lines.isEmpty(), name + ".jsonl has no sample");
            for (int i = 0; i < lines.size(); i++) {
                assertShape(avsc(name), JSON.readTree(lines.get(i)), name + ".jsonl line " + (i + 1));
            }
        }
    }

    @Test
    void manifestSampleMatchesItsSchema() throws IOException {
        JsonNode sample = JSON.readTree(DIR.resolve("samples").resolve("run_manifest.json").toFile());
        assertShape(avsc("run_manifest"), sample, "run_manifest.json");
        assertFalse(sample.get("iterations").isEmpty(), "the sample should show iterations");
    }
}

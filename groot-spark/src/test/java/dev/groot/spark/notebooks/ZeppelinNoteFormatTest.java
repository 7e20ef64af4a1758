package dev.groot.spark.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every note in notebooks/ is a loadable Zeppelin note whose forms are all declared (no Spark needed). */
class ZeppelinNoteFormatTest {

    private static final Set<String> INTERPRETERS = Set.of("%spark.sql", "%md");

    @Test
    void atLeastTheThreeNotesExistWithDistinctNamesAndIds() {
        List<ZeppelinNote> notes = Notes.all();
        assertTrue(notes.size() >= 3, "expected at least 3 notes in " + Notes.dir() + ", found " + notes.size());
        assertEquals(notes.size(), notes.stream().map(ZeppelinNote::name).distinct().count(), "duplicate note names");
        Set<String> paragraphIds = new HashSet<>();
        for (ZeppelinNote n : notes) {
            for (ZeppelinNote.Paragraph p : n.paragraphs()) {
                assertTrue(paragraphIds.add(p.id()), n.file() + ": paragraph id " + p.id() + " used twice");
            }
        }
        for (String name : List.of("GROOT run overview", "GROOT top-K inspector", "GROOT candidate browser")) {
            assertTrue(notes.stream().anyMatch(n -> n.name().equals(name)), "missing note " + name);
        }
    }

    @Test
    void everyParagraphUsesATestedInterpreterAndDeclaresItsForms() {
        for (ZeppelinNote n : Notes.all()) {
            assertEquals("/path/to/run", n.noteForms().get("run_path"), n.file() + ": note form run_path");
            for (ZeppelinNote.Paragraph p : n.paragraphs()) {
                String where = n.file().getFileName() + " / " + p.title();
                // %spark (Scala) cannot run in the Java test, so notes keep all logic in SQL.
                assertTrue(INTERPRETERS.contains(p.interpreter()), where + ": interpreter " + p.interpreter());
                for (String[] ref : p.formReferences()) {
                    String written = ref[2] == null ? "" : ref[2];
                    Map<String, String> declared = ref[0].equals("$$") ? n.noteForms() : p.forms();
                    assertTrue(declared.containsKey(ref[1]), where + ": form " + ref[0] + "{" + ref[1] + "} not declared");
                    assertEquals(declared.get(ref[1]), written, where + ": default of form " + ref[1]);
                }
                if (p.interpreter().equals("%spark.sql")) {
                    assertTrue(p.body().contains("$${run_path"), where + ": SQL does not read the run_path form");
                }
            }
        }
    }

    @Test
    void everyNoteHasAtLeastOneChart() {
        for (ZeppelinNote n : Notes.all()) {
            long charts = n.paragraphs().stream().map(ZeppelinNote.Paragraph::graph)
                    .filter(g -> !g.isMissingNode() && !g.path("mode").asText("table").equals("table")).count();
            assertTrue(charts >= 1, n.file() + ": no chart paragraph");
            for (ZeppelinNote.Paragraph p : n.paragraphs()) {
                JsonNode g = p.graph();
                if (!g.isMissingNode() && !g.path("mode").asText().equals("table")) {
                    assertFalse(g.path("keys").isEmpty() || g.path("values").isEmpty(),
                            n.file() + " / " + p.title() + ": chart without keys or values");
                }
            }
        }
    }

    @Test
    void substitutionUsesGivenValuesThenWrittenDefaults() {
        String sql = "SELECT * FROM parquet.`$${run_path=/x}/m` WHERE a = '${id}' AND b LIKE '${r=%}'";
        assertEquals("SELECT * FROM parquet.`/run/m` WHERE a = '' AND b LIKE '%'",
                ZeppelinNote.substitute(sql, Map.of("run_path", "/run")));
        assertEquals("SELECT * FROM parquet.`/x/m` WHERE a = 'e$1' AND b LIKE 'q'",
                ZeppelinNote.substitute(sql, Map.of("id", "e$1", "r", "q")));
    }
}

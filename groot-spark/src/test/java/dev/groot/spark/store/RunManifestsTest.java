package dev.groot.spark.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The manifest's JSON round trip, including manifests written before a field existed. */
class RunManifestsTest {

    private static RunManifest withCounts(Map<String, Long> counts) {
        IterationRecord it = new IterationRecord(1, "iteration=1/model.groot", "sha", 10, 0.5, Map.of("top1/r", 0.5),
                Map.of("update", 2.0), "2026-12-02T00:00:00Z", counts);
        return new RunManifest(RunManifest.SCHEMA_VERSION, "r", "now", Map.of("k", "5"), List.of(it), 1);
    }

    @Test
    void countsSurviveTheRoundTripInTheirOrder() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("invalid_bio_dropped", 3L);
        counts.put("update_rows", 7L);
        counts.put("update_rows_left_out", 3L);
        RunManifest back = RunManifests.parse(RunManifests.serialise(withCounts(counts)));
        assertEquals(List.copyOf(counts.entrySet()), List.copyOf(back.iteration(1).counts().entrySet()));
    }

    @Test
    void aVersionOneManifestWithoutCountsReadsAsEmptyCounts() throws Exception {
        // a manifest as version 1 wrote it: no "counts" field, checksum over that JSON
        ObjectMapper json = new ObjectMapper();
        ObjectNode wrapper = (ObjectNode) json.readTree(RunManifests.serialise(withCounts(Map.of("update_rows", 1L))));
        ObjectNode manifest = (ObjectNode) wrapper.get("manifest");
        ((ObjectNode) manifest.get("iterations").get(0)).remove("counts");
        manifest.put("schema_version", 1);
        wrapper.put("sha256", RunManifests.checksum(manifest));
        RunManifest old = RunManifests.parse(json.writeValueAsBytes(wrapper));
        assertEquals(Map.of(), old.iteration(1).counts());
        assertEquals(10, old.iteration(1).candidateRows());
    }
}

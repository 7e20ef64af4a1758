package dev.groot.model.io;

import dev.groot.model.data.Example;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusSummaryTest {

    @Test
    void countsSpansOnlyForBioTagSets() {
        Example a = new Example("a", "s", "train", List.of("x", "y", "z", "w"), List.of("B-TL", "I-TL", "O", "I-TL"));
        Example b = new Example("b", "s", "dev", List.of("x"), List.of("B-TL"));
        CorpusSummary s = CorpusSummary.of(List.of(a)).merge(CorpusSummary.of(List.of(b)));
        assertEquals(2, s.sentences());
        assertEquals(5, s.tokens());
        assertEquals(3, s.spans(), "an I- after O starts a span");
        assertEquals(Map.of("B-TL", 2L, "I-TL", 2L, "O", 1L), s.tags());
        Example pos = new Example("c", "s", "dev", List.of("x"), List.of("NN"));
        assertEquals(0, CorpusSummary.of(List.of(a, pos)).spans());
    }

    @Test
    void jsonHasTheContractFields() {
        CorpusSummary s = CorpusSummary.of(List.of(new Example("a", "s", "train", List.of("x"), List.of("O"))))
                .reject(Problem.EMPTY_TOKEN, 2);
        String json = s.toJson(Map.of("format", "jsonl"));
        for (String f : List.of("\"format\"", "\"sentences\" : 1", "\"tokens\" : 1", "\"spans\" : 0", "\"tags\"",
                "\"splits\"", "\"rejected\" : 2", "\"empty_token\" : 2")) {
            assertTrue(json.contains(f), f + " in " + json);
        }
    }
}

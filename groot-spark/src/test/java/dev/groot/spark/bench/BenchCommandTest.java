package dev.groot.spark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groot.spark.cli.GrootCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code groot bench --quick} end to end on the synthetic corpus with a tiny model and tiny sizes:
 * the JSON has every key the issue asks for and the figures are positive. No timing assertions
 * (the machine is shared); the naive baseline must find the same best sequences as production.
 */
@Tag("spark")
@Tag("slow")
class BenchCommandTest {

    @Test
    void quickBenchWritesEveryFigure(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrootCli.entryPoint(new String[]{"bench", "--quick", "--tiny-model", "--master", "local[2]",
                "--pool", "120", "--gen-sentences", "24", "--naive-sentences", "4", "--train-sentences", "24",
                "--iteration-sentences", "8", "--dev-sentences", "4", "--batch", "8", "--conf", "spark.ui.enabled=false",
                "--output", json.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, "bench failed: " + err + out);
        assertTrue(out.toString().contains("generation_speedup_vs_naive"), out.toString());

        JsonNode f = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("generation_tokens_per_s", "generation_speedup_vs_naive",
                "generation_naive_tokens_per_s", "spark_over_one_thread", "nll_training_tokens_per_s", "training_local_tokens_per_s",
                "training_spark_tokens_per_s", "iteration_seconds", "iteration_measured_seconds",
                "memory_peak_heap_mib", "memory_peak_process_physical_mib", "bench_seconds")) {
            assertTrue(f.has(key), "missing " + key);
            assertTrue(f.get(key).asDouble() > 0, key + " = " + f.get(key));
        }
        assertTrue(f.has("memory_peak_offheap_javacpp_mib"));
        assertEquals(1.0, f.get("generation_naive_top1_agreement").asDouble(), 1e-9);
        assertEquals(8, f.get("extrapolated_from").asInt());
        JsonNode stages = f.get("iteration_stage_seconds");
        for (String stage : List.of("generate", "write", "update", "evaluate", "checkpoint")) {
            assertTrue(stages.has(stage) && stages.get(stage).asDouble() > 0, "stage " + stage + ": " + stages);
        }
        // Two GROOT iterations (after iteration 0, the loaded model): memory measured for each, growth checked.
        assertEquals(3, f.get("memory_per_iteration").size());
        assertTrue(f.get("memory_growth").get("checked").asBoolean());
        assertFalse(f.get("load_average_start").isEmpty());
    }
}

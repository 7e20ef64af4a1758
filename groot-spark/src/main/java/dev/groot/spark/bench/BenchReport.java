package dev.groot.spark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures: a table for the console and the JSON file. */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    public static void writeJson(Map<String, Object> figures, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void printTable(Map<String, Object> f, PrintWriter out) {
        out.println();
        out.println(String.format(Locale.ROOT, "%-44s %14s  %s", "figure", "value", "target"));
        row(out, f, "generation_tokens_per_s", "%.0f", ">= 11000 tok/s");
        row(out, f, "generation_one_thread_tokens_per_s", "%.0f", "");
        row(out, f, "generation_threads_over_one", "%.2f", "(2.0 = the second slot doubles it)");
        row(out, f, "generation_naive_tokens_per_s", "%.0f", "");
        row(out, f, "generation_tokens_per_cpu_s", "%.0f", "(load-independent)");
        row(out, f, "generation_cpu_share", "%.2f", "(1.0 = both slots had a free core)");
        row(out, f, "generation_speedup_vs_naive", "%.2f", ">= 5x");
        row(out, f, "generation_naive_top1_agreement", "%.3f", "1.0 (same search)");
        row(out, f, "training_local_tokens_per_s", "%.0f", "");
        row(out, f, "training_spark_tokens_per_s", "%.0f", "");
        row(out, f, "training_independent_threads_tokens_per_s", "%.0f", "(one local loop per worker, nothing averaged)");
        row(out, f, "training_threads_over_one_thread", "%.2f", "(the machine's ceiling for spark_over_one_thread)");
        row(out, f, "spark_over_independent_threads", "%.2f", "(1.0 = averaging costs nothing)");
        row(out, f, "training_local_tokens_per_cpu_s", "%.0f", "");
        row(out, f, "training_spark_tokens_per_cpu_s", "%.0f", "");
        row(out, f, "nll_training_tokens_per_s", "%.0f", ">= 6k (Spark path, grouped graph)");
        row(out, f, "spark_over_one_thread", "%.2f", ">= 1.6");
        row(out, f, "update_graph_sentence_tokens_per_s", "%.0f", "");
        row(out, f, "update_grouped_sentence_tokens_per_s", "%.0f", "");
        row(out, f, "update_speedup_vs_graph", "%.2f", ">= 5x");
        row(out, f, "iteration_seconds", "%.1f", "<= 900 s (full Brown train)");
        if (f.get("iteration_stage_seconds") instanceof Map<?, ?> stages) {
            stages.forEach((k, v) -> out.println(String.format(Locale.ROOT, "  %-42s %14.1f", "stage " + k,
                    ((Number) v).doubleValue())));
        }
        if (f.containsKey("extrapolated_from")) {
            out.println(String.format(Locale.ROOT, "  (extrapolated linearly from %s train sentences, measured %.1f s)",
                    f.get("extrapolated_from"), ((Number) f.get("iteration_measured_seconds")).doubleValue()));
        }
        row(out, f, "memory_peak_heap_mib", "%.0f", "");
        row(out, f, "memory_peak_offheap_javacpp_mib", "%.0f", "");
        row(out, f, "memory_peak_process_physical_mib", "%.0f", "");
        out.println(String.format(Locale.ROOT, "%-44s %14s", "memory_growth", f.get("memory_growth")));
        out.println(String.format(Locale.ROOT, "%-44s %14s", "load average (start -> end)",
                f.get("load_average_start") + " -> " + f.get("load_average_end")));
        out.println(String.format(Locale.ROOT, "%-44s %14.1f", "bench_seconds", ((Number) f.get("bench_seconds")).doubleValue()));
        out.flush();
    }

    private static void row(PrintWriter out, Map<String, Object> f, String key, String fmt, String target) {
        Object v = f.get(key);
        String value = v instanceof Number n ? String.format(Locale.ROOT, fmt, n.doubleValue()) : String.valueOf(v);
        out.println(String.format(Locale.ROOT, "%-44s %14s  %s", key, value, target));
    }
}

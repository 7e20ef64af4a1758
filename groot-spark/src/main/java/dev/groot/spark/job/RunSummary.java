package dev.groot.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.reward.Reward;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RUN_DIR/summary.json and the table printed at the end of {@code groot train}. */
final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] STAGES = {"load", "generate", "write", "update", "evaluate", "checkpoint"};

    private RunSummary() {
    }

    static void write(RunLayout layout, RunManifest m, List<Reward> rewards, Configuration conf) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", m.runId());
        root.put("best_iteration", m.bestIteration());
        root.put("selection_reward", rewards.get(0).name());
        List<Object> its = new ArrayList<>();
        for (IterationRecord r : m.iterations()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("iteration", r.iteration());
            it.put("dev_reward", r.devReward());
            it.put("candidate_rows", r.candidateRows());
            it.put("counts", r.counts());
            it.put("dev", r.devMetrics());
            it.put("seconds", r.seconds());
            its.add(it);
        }
        root.put("iterations", its);
        try {
            SmallFiles.writeAtomically(layout.summary(), JSON.writeValueAsBytes(root), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(RunManifest m, List<Reward> rewards, int k) {
        int top = Math.min(5, k);
        String main = rewards.get(0).name();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-5s", "iter"));
        for (Reward r : rewards) {
            sb.append(' ').append(pad(header(r), width(r)));
        }
        sb.append(String.format(" %10s %10s", "mean@top" + top, "oracle@" + top));
        for (String s : STAGES) {
            sb.append(String.format(" %9s", s + "_s"));
        }
        sb.append('\n');
        for (IterationRecord r : m.iterations()) {
            sb.append(String.format("%-5s", r.iteration() + (r.iteration() == m.bestIteration() ? "*" : "")));
            for (Reward rw : rewards) {
                sb.append(' ').append(pad(String.format("%.4f", r.devMetrics().getOrDefault("top1/" + rw.name(),
                        Double.NaN)), width(rw)));
            }
            sb.append(String.format(" %10.4f %10.4f", value(r, "mean_reward_top_k/" + main, top),
                    value(r, "oracle_at_k/" + main, top)));
            for (String s : STAGES) {
                sb.append(String.format(" %9.1f", r.seconds().getOrDefault(s, 0.0)));
            }
            sb.append('\n');
        }
        sb.append("(* = best iteration, dev split; RUN_DIR/best holds its model)");
        return sb.toString();
    }

    private static double value(IterationRecord r, String metric, int k) {
        return r.devMetrics().getOrDefault(metric + "@" + k, Double.NaN);
    }

    private static String header(Reward r) {
        return "top1 " + r.name();
    }

    /** Wide enough for the whole reward name: a cut name can read as another reward (beta=0.5 -> beta=0). */
    private static int width(Reward r) {
        return Math.max(10, header(r).length());
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}

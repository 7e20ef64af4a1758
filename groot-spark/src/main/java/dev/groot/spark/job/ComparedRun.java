package dev.groot.spark.job;

import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import org.apache.hadoop.conf.Configuration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as {@code groot compare} sees it: its manifest, the iteration chosen from it (by default
 * its best on dev: the highest committed dev top-1 of the training reward, the earliest on ties),
 * and the options that say how it trained, with {@code updater} and {@code workers} taken from the
 * manifest or, for runs recorded before the manifest held them, from the checkpoint's provenance.
 */
record ComparedRun(String dir, RunManifest manifest, int chosen, Map<String, String> options) {

    static final String UNRECORDED = "unrecorded";

    /** @param iteration the iteration to use; null = the run's best on dev */
    static ComparedRun open(String dir, Integer iteration, Configuration conf) {
        RunManifest m = RunManifests.latest(new RunLayout(dir), conf).orElseThrow(() ->
                new IllegalArgumentException(dir + " has no committed iteration"));
        int chosen = iteration == null ? m.bestIteration() : iteration;
        if (m.iterations().stream().noneMatch(r -> r.iteration() == chosen)) {
            throw new IllegalArgumentException(dir + ": iteration " + chosen + " is not committed (last: "
                    + m.lastIteration() + ")");
        }
        Map<String, String> options = new LinkedHashMap<>(m.options());
        if (!options.containsKey("updater") || !options.containsKey("workers")) {
            Map<String, String> provenance = model(dir, chosen, conf).manifest().extras();
            options.putIfAbsent("updater", provenance.getOrDefault("groot.updater", UNRECORDED));
            options.putIfAbsent("workers", provenance.getOrDefault("groot.workers", UNRECORDED));
        }
        return new ComparedRun(dir, m, chosen, options);
    }

    static TaggerModel model(String dir, int iteration, Configuration conf) {
        return ModelIO.load(new RunLayout(dir).model(iteration).toString(), conf);
    }

    TaggerModel model(int iteration, Configuration conf) {
        return model(dir, iteration, conf);
    }

    /**
     * A control must differ from the GROOT run only in its objective: same training reward, the
     * same starting model (identical iteration-0 parameters) and the same training data.
     */
    void checkControlOf(ComparedRun groot, TaggerModel grootStart, TaggerModel controlStart) {
        String reward = groot.options().get("reward");
        if (!reward.equals(options.get("reward"))) {
            throw new IllegalArgumentException("control run " + dir + " optimises " + options.get("reward")
                    + " but " + groot.dir() + " optimises " + reward + "; a control must train on the same reward");
        }
        String a = grootStart.manifest().extras().get("groot.data_fingerprint");
        String b = controlStart.manifest().extras().get("groot.data_fingerprint");
        if (a != null && b != null && !a.equals(b)) {
            throw new IllegalArgumentException("control run " + dir + " was trained on other data (fingerprint " + b
                    + ") than " + groot.dir() + " (" + a + ")");
        }
        if (!Arrays.equals(grootStart.networkCopy().params().toFloatVector(),
                controlStart.networkCopy().params().toFloatVector())) {
            throw new IllegalArgumentException("control run " + dir + " did not start from the same model as "
                    + groot.dir() + " (their iteration-0 parameters differ); train both from one --init-model");
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", dir);
        m.put("run_id", manifest.runId());
        m.put("best_iteration", manifest.bestIteration());
        m.put("compared_iteration", chosen);
        m.put("options", options);
        return m;
    }
}

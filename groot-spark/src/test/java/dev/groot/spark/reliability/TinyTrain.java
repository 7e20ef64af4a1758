package dev.groot.spark.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The smallest {@code groot train} command line that still runs every stage of an iteration
 * (NLL warm start, generate, correct, score, Parquet write, Spark update, evaluate, checkpoint,
 * commit). Every run of the suite uses the same options, so any two runs are comparable.
 * The warm start trains long enough (8 epochs at lr 0.05) to learn the synthetic spans: a resumed
 * run is compared with a reference whose dev reward is well above 0, so a resume that lost or
 * changed anything shows in the candidates, parameters and metrics.
 */
final class TinyTrain {

    private TinyTrain() {
    }

    static List<String> args(String data, String run, int iterations, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--data", data, "--run", run,
                "--iterations", String.valueOf(iterations), "--k", "3", "--beam", "4", "--corrections", "2",
                "--reward", "span-fbeta:beta=1", "--eval-rewards", "token-accuracy", "--tau-r", "0.5",
                "--tau-s", "1.0", "--lambda", "0.5", "--seed", "13", "--epochs", "8", "--epoch-patience", "8",
                "--word-dim", "16", "--shape-dim", "4", "--suffix-dim", "8", "--tag-dim", "8", "--encoder", "16",
                "--decoder", "16", "--dropout", "0", "--min-word-count", "1", "--lr", "0.05", "--l2", "0",
                "--workers", "2", "--batch", "16", "--averaging-frequency", "5", "--prefetch", "0",
                "--decode-batch", "64"));
        a.addAll(List.of(extra));
        return a;
    }
}

package dev.groot.model.train;

import dev.groot.model.tagger.TaggerModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Epoch loop with model selection: fit an epoch, evaluate on dev, keep the best model, stop when
 * the dev metric has not improved for {@code patience} epochs. Prints one progress line per epoch.
 * The fitter decides where the epoch runs (local or Spark); this class only orchestrates.
 */
public final class NllTrainer {
    private final int maxEpochs;
    private final int patience;
    private final Consumer<String> progress;

    public NllTrainer(int maxEpochs, int patience, Consumer<String> progress) {
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.maxEpochs = maxEpochs;
        this.patience = patience;
        this.progress = progress == null ? s -> { } : progress;
    }

    /**
     * @param examplesPerEpoch rows per epoch, for examples/s
     */
    public TrainingResult train(TaggerModel init, EpochFitter fitter, DevEvaluator dev, long examplesPerEpoch) {
        ComputationGraph net = init.networkCopy();
        TaggerModel best = init;
        int bestEpoch = 0;
        double bestMetric = Double.NEGATIVE_INFINITY;
        List<EpochStats> history = new ArrayList<>();
        double secondsSoFar = 0;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            long t0 = System.nanoTime();
            double loss = fitter.fitEpoch(net, epoch);
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            TaggerModel candidate = init.withNetwork(net, init.manifest().touched().withExtras(Map.of(
                    "epoch", Integer.toString(epoch), "train.loss", Double.toString(loss))));
            double metric = dev.evaluate(candidate);
            double seconds = (System.nanoTime() - t0) / 1e9;
            secondsSoFar += seconds;
            long tokens = fitter.tokensPerEpoch();
            EpochStats stats = new EpochStats(epoch, loss, metric, seconds, examplesPerEpoch / fitSeconds,
                    tokens < 0 ? Double.NaN : tokens / fitSeconds);
            history.add(stats);
            boolean improved = metric > bestMetric;
            if (improved) {
                best = candidate.withManifest(candidate.manifest().withExtra("dev.metric", Double.toString(metric)));
                bestEpoch = epoch;
                bestMetric = metric;
            }
            progress.accept(line(stats, improved, secondsSoFar / epoch * (maxEpochs - epoch)));
            if (epoch - bestEpoch >= patience && epoch < maxEpochs) {
                progress.accept(String.format(Locale.ROOT, "early stop: no dev improvement for %d epochs; best epoch %d (dev %.4f)",
                        patience, bestEpoch, bestMetric));
                stoppedEarly = true;
                break;
            }
        }
        return new TrainingResult(best, bestEpoch, bestMetric, history, stoppedEarly);
    }

    private String line(EpochStats s, boolean improved, double etaSeconds) {
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  dev %.4f%s  %.1f ex/s%s  %.1fs  ETA %s",
                s.epoch(), maxEpochs, s.loss(), s.devMetric(), improved ? " *" : "", s.examplesPerSecond(),
                Double.isNaN(s.tokensPerSecond()) ? "" : String.format(Locale.ROOT, "  %.0f tok/s", s.tokensPerSecond()),
                s.seconds(), eta(etaSeconds));
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

package dev.groot.spark.store;

import org.apache.hadoop.fs.Path;

/**
 * Where everything of a run lives under RUN_DIR:
 * <pre>
 * RUN_DIR/_manifests/NNNNNNNN.json      the run manifest, one new file per commit (highest valid wins)
 * RUN_DIR/_lock                         held by the process working on the run
 * RUN_DIR/iteration=N/candidates/       Parquet, candidate schema (N >= 1)
 * RUN_DIR/iteration=N/metrics/          Parquet, iteration_metrics schema
 * RUN_DIR/iteration=N/metrics.json      the same metrics for people and notebooks
 * RUN_DIR/iteration=N/model.groot       the model checkpoint after iteration N
 * RUN_DIR/best                          a copy of the best model: a model path evaluate/predict accept
 * RUN_DIR/summary.json                  per-iteration table of the finished run
 * </pre>
 */
public record RunLayout(Path root) {

    public RunLayout(String root) {
        this(new Path(root));
    }

    public Path iteration(int n) {
        return new Path(root, "iteration=" + n);
    }

    public Path candidates(int n) {
        return new Path(iteration(n), "candidates");
    }

    public Path metrics(int n) {
        return new Path(iteration(n), "metrics");
    }

    public Path metricsJson(int n) {
        return new Path(iteration(n), "metrics.json");
    }

    public Path model(int n) {
        return new Path(iteration(n), "model.groot");
    }

    public Path manifests() {
        return new Path(root, "_manifests");
    }

    public Path lock() {
        return new Path(root, "_lock");
    }

    public Path best() {
        return new Path(root, "best");
    }

    public Path summary() {
        return new Path(root, "summary.json");
    }
}

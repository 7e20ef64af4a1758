/**
 * Reliability suite (issue 7), tagged {@code fault}: drivers killed with SIGKILL at every stage of
 * an iteration and resumed, task retries, damaged checkpoints and manifests, a DataNode lost
 * during a write, two processes on one run, and malformed input for ingest, evaluate and predict.
 * Every test appends its observed outcome to {@code target/reliability/results.tsv}
 * ({@link dev.groot.spark.reliability.ReliabilityResults}); {@link dev.groot.spark.reliability.ReliabilityReport}
 * renders that file as {@code docs/RELIABILITY.md}.
 */
package dev.groot.spark.reliability;

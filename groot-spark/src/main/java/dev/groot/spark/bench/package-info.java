/**
 * {@code groot bench} (issue 6): measures candidate generation (batched beam search vs a naive
 * rnnTimeStep baseline), Spark parameter-averaging vs single-JVM training throughput, one full
 * GROOT iteration with per-stage seconds, and JVM heap / JavaCPP off-heap memory per iteration,
 * in one run; writes the figures as JSON. Inputs: ingested Brown, or a Brown-shaped synthetic corpus.
 */
package dev.groot.spark.bench;

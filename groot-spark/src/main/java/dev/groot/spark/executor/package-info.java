/**
 * Code that runs inside Spark tasks on the executors: the model shipped once per iteration as a
 * broadcast and deserialised once per executor ({@link dev.groot.spark.executor.ExecutorModels}),
 * the GROOT step mapped over the training partitions
 * ({@link dev.groot.spark.executor.SparkCandidateSource}) and top-K decoding for evaluate, predict
 * and the dev evaluation ({@link dev.groot.spark.executor.TopKDecoding}).
 */
package dev.groot.spark.executor;

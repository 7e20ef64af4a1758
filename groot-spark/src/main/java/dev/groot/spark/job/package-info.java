/**
 * Thin Spark jobs: each parses its options record, reads through {@code dev.groot.spark.io},
 * calls groot-model for the real work and commits its output atomically. No CLI parsing here.
 */
package dev.groot.spark.job;

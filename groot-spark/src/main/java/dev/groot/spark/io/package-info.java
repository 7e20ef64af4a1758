/**
 * Spark-side storage: the Spark schemas of every stored record (held equal to
 * {@code data-schemas/*.avsc} by a test), example Parquet reading and writing, the atomic output
 * commit every job uses, a serializable Hadoop configuration and the Kryo registrator.
 */
package dev.groot.spark.io;

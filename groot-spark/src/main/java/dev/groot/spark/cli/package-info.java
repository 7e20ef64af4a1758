/**
 * The {@code groot} command line: one picocli entry point ({@link dev.groot.spark.cli.GrootCli})
 * whose subcommands are registered in one list, the Spark session setup shared by all of them,
 * and the failure policy (non-zero exit, one-line reason on stderr, stack trace to the log).
 */
package dev.groot.spark.cli;

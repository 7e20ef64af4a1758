/**
 * Real-cluster test support and tests: a Spark standalone cluster started through
 * {@code deploy/local-cluster}, HDFS from a MiniDFSCluster, submission through
 * {@code deploy/bin/submit} (so {@code org.apache.spark.deploy.SparkSubmit}), and the Spark
 * event log read back to prove that executors, not only the driver, ran the tasks.
 * Also the check that every class, jar and script named in {@code deploy/} exists.
 */
package dev.groot.spark.cluster;

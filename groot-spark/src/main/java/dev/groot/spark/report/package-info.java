/**
 * {@code groot report}: one self-contained HTML file describing a finished (or running) GROOT
 * run, made only from what the run stored (manifest, metrics and candidate Parquet). The package
 * owns reading those into {@link dev.groot.spark.report.ReportData}, the XChart charts, the
 * headless PNG rendering and the HTML page; the CLI command lives in {@code dev.groot.spark.cli}.
 */
package dev.groot.spark.report;

package dev.groot.spark.job;

import dev.groot.model.io.CorpusSummary;

/** Where the ingest output went, its summary and the {@code _summary.json} text written. */
public record IngestResult(String output, CorpusSummary summary, String summaryJson) {
}

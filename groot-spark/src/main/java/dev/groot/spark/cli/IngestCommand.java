package dev.groot.spark.cli;

import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.model.io.OnError;
import dev.groot.model.io.ReaderConfig;
import dev.groot.model.io.SplitRule;
import dev.groot.spark.job.IngestJob;
import dev.groot.spark.job.IngestOptions;
import dev.groot.spark.job.IngestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code groot ingest}: a corpus in Brown, CoNLL or JSON Lines format -> canonical example Parquet. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read a corpus and write canonical example Parquet partitioned by split,",
                "plus <output>/_summary.json. Paths may be local or hdfs:// URIs."})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--format", required = true, paramLabel = "brown|conll|jsonl", description = "Input format.")
    String format;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "Input file or directory.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output directory.")
    String output;

    @Option(names = "--task", paramLabel = "brown-pos|brown-title",
            description = "Brown only: tag set to derive (default: brown-pos).")
    String task;

    @Option(names = "--split-rule", paramLabel = "RULE", description = {
            "brown (file number; default for brown), filename (train.conll -> train; default for conll),",
            "field (the record's split; default for jsonl), fraction:dev=0.1,test=0.1,seed=42."})
    String splitRule;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "fail: stop at the first bad record (default); skip: write it under rejected/ and go on.")
    OnError onError;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "" + ReaderConfig.DEFAULT_MAX_LENGTH,
            description = "Reject sentences longer than N tokens (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--token-column", paramLabel = "I", defaultValue = "0", description = "CoNLL: token column (0-based).")
    int tokenColumn;

    @Option(names = "--tag-column", paramLabel = "I", defaultValue = "-1",
            description = "CoNLL: tag column (0-based, negative from the end; default: last).")
    int tagColumn;

    @Override
    public Integer call() throws Exception {
        IngestOptions o = options();
        IngestResult r = IngestJob.run(spark.session("groot-ingest"), o);
        print(spec.commandLine().getOut(), r);
        return 0;
    }

    IngestOptions options() {
        try {
            InputFormat f = InputFormat.parse(format);
            if (task != null && f != InputFormat.BROWN) {
                throw new IllegalArgumentException("--task applies to --format brown only");
            }
            return new IngestOptions(f, input, output, task == null ? null : BrownTask.parse(task),
                    splitRule == null ? null : SplitRule.parse(splitRule), onError, overwrite, maxLength, tokenColumn, tagColumn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static void print(java.io.PrintWriter out, IngestResult r) {
        out.print(r.summaryJson());
        printSummaryLine(out, r);
    }

    /** One line of counts, without the JSON (the demo prints this; the JSON is in _summary.json). */
    static void printSummaryLine(java.io.PrintWriter out, IngestResult r) {
        out.printf("ingested %,d sentences, %,d tokens, %,d spans, %d tags, %,d rejected -> %s%n",
                r.summary().sentences(), r.summary().tokens(), r.summary().spans(), r.summary().tags().size(),
                r.summary().rejected(), r.output());
        out.flush();
    }
}

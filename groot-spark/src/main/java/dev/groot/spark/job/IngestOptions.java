package dev.groot.spark.job;

import dev.groot.model.io.BrownTask;
import dev.groot.model.io.InputFormat;
import dev.groot.model.io.OnError;
import dev.groot.model.io.ReaderConfig;
import dev.groot.model.io.SplitRule;

import java.util.Objects;

/** Everything {@link IngestJob} needs; paths are Hadoop paths or URIs (file://, hdfs://). */
public record IngestOptions(InputFormat format, String input, String output, BrownTask task, SplitRule splitRule,
                            OnError onError, boolean overwrite, int maxLength, int tokenColumn, int tagColumn) {

    public IngestOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        onError = onError == null ? OnError.FAIL : onError;
    }

    public static IngestOptions of(InputFormat format, String input, String output) {
        return new IngestOptions(format, input, output, null, null, OnError.FAIL, false,
                ReaderConfig.DEFAULT_MAX_LENGTH, 0, -1);
    }

    public IngestOptions withTask(BrownTask t) {
        return new IngestOptions(format, input, output, t, splitRule, onError, overwrite, maxLength, tokenColumn, tagColumn);
    }

    public IngestOptions withOnError(OnError e) {
        return new IngestOptions(format, input, output, task, splitRule, e, overwrite, maxLength, tokenColumn, tagColumn);
    }

    public IngestOptions withOverwrite(boolean o) {
        return new IngestOptions(format, input, output, task, splitRule, onError, o, maxLength, tokenColumn, tagColumn);
    }

    public IngestOptions withMaxLength(int m) {
        return new IngestOptions(format, input, output, task, splitRule, onError, overwrite, m, tokenColumn, tagColumn);
    }

    public ReaderConfig readerConfig() {
        return new ReaderConfig(format, task, splitRule, maxLength, tokenColumn, tagColumn);
    }
}

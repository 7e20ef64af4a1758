package dev.groot.model.io;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole corpus in one process (no Spark): every file, then the cross-file duplicate-id
 * check. Under {@link OnError#FAIL} the first problem (in file and line order) throws; under
 * {@link OnError#SKIP} problems are returned as rejections and every good example is kept.
 */
public final class CorpusReader {

    private final ReaderConfig config;
    private final OnError onError;

    public CorpusReader(ReaderConfig config, OnError onError) {
        this.config = config;
        this.onError = onError;
    }

    public FileReadResult read(FileSystem fs, Path input) throws IOException {
        List<LocatedExample> examples = new ArrayList<>();
        List<ReadError> rejected = new ArrayList<>();
        for (Path file : CorpusFiles.list(fs, input, config.format())) {
            FileReadResult r = CorpusFiles.read(fs, file, config);
            if (onError == OnError.FAIL && !r.rejected().isEmpty()) {
                throw new ReadException(r.rejected().get(0));
            }
            rejected.addAll(r.rejected());
            Map<String, LocatedExample> seen = new HashMap<>();
            examples.forEach(e -> seen.put(e.example().id(), e));
            for (LocatedExample e : r.examples()) {
                LocatedExample first = seen.putIfAbsent(e.example().id(), e);
                if (first == null) {
                    examples.add(e);
                } else {
                    ReadError dup = duplicate(e, first);
                    if (onError == OnError.FAIL) {
                        throw new ReadException(dup);
                    }
                    rejected.add(dup);
                }
            }
        }
        return new FileReadResult(examples, rejected);
    }

    /** The rejection for a later example that reuses an earlier one's id. */
    public static ReadError duplicate(LocatedExample later, LocatedExample first) {
        return duplicate(later.file(), later.line(), later.example().id(), first.file(), first.line(),
                String.join(" ", later.example().tokens()));
    }

    public static ReadError duplicate(String file, long line, String id, String firstFile, long firstLine, String record) {
        return new ReadError(file, line, Problem.DUPLICATE_ID, "duplicate id '" + id + "' (first seen at "
                + firstFile + ":" + firstLine + ")", record);
    }
}

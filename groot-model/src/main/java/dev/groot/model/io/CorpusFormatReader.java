package dev.groot.model.io;

import java.io.IOException;
import java.io.InputStream;

/** Reads one corpus file into examples and rejections. Never throws for bad content, only for I/O. */
public interface CorpusFormatReader {

    /**
     * @param file display name used in errors and example ids (its base name is the example source)
     */
    FileReadResult read(InputStream in, String file) throws IOException;

    /** The base name of a path or URI, e.g. {@code hdfs://nn/x/ca01} -> {@code ca01}. */
    static String baseName(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }
}

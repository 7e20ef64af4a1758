package dev.groot.model.io;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Finds the corpus files under a Hadoop path (file:// or hdfs://) and reads one of them. */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    /**
     * The corpus files of {@code input}, sorted by path: the file itself, or every non-hidden file
     * below the directory that the format accepts. Throws {@link ReadException} (NO_INPUT) when
     * there are none.
     */
    public static List<Path> list(FileSystem fs, Path input, InputFormat format) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(input);
        } catch (FileNotFoundException e) {
            throw new ReadException(ReadError.of(input.toString(), 0, Problem.NO_INPUT, "input does not exist"));
        }
        List<Path> files = new ArrayList<>();
        if (status.isFile()) {
            files.add(status.getPath());
        } else {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(input, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (!hiddenBelow(input, p) && format.isCorpusFile(p.getName())) {
                    files.add(p);
                }
            }
        }
        if (files.isEmpty()) {
            throw new ReadException(ReadError.of(status.getPath().toString(), 0, Problem.NO_INPUT,
                    "no " + format.name().toLowerCase() + " input files in this directory"));
        }
        files.sort(null);
        return files;
    }

    /** Hidden ('.' or '_' prefixed) file or directory anywhere below the input root. */
    private static boolean hiddenBelow(Path root, Path p) {
        String rootPath = Path.getPathWithoutSchemeAndAuthority(root).toString();
        for (Path q = p; q != null && !Path.getPathWithoutSchemeAndAuthority(q).toString().equals(rootPath); q = q.getParent()) {
            String n = q.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    public static FileReadResult read(FileSystem fs, Path file, ReaderConfig config) throws IOException {
        try (InputStream in = fs.open(file)) {
            return config.format().reader(config).read(in, file.toString());
        }
    }
}

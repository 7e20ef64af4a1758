package dev.groot.spark.io;

import dev.groot.model.io.AtomicFiles;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;

/**
 * Commits an output (a file or a directory, on any Hadoop file system) all at once: the writer
 * fills {@code <dest>._tmp-<uuid>}, a directory gets a {@code _SUCCESS} marker, then one rename
 * puts it in place. A killed writer leaves only the temporary path, never a half output under the
 * final name. An existing destination is refused unless overwrite is asked for; it is then
 * replaced by {@link AtomicFiles#replace} (moved aside, renamed over, deleted). Single files that
 * are written in one piece go through {@link AtomicFiles#write} directly.
 */
public final class AtomicOutput {

    public static final String SUCCESS = "_SUCCESS";

    private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

    /** Fills the temporary path; it may create a file or a directory there. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws Exception;
    }

    private AtomicOutput() {
    }

    /** Fails early (before any work) when dest exists and may not be replaced. */
    public static void checkWritable(FileSystem fs, Path dest, boolean overwrite) throws IOException {
        if (!overwrite && fs.exists(dest)) {
            throw new OutputExistsException(fs.makeQualified(dest).toString());
        }
    }

    /** A directory output is complete when its marker is there; a file output when it exists. */
    public static boolean isComplete(FileSystem fs, Path dest) throws IOException {
        if (!fs.exists(dest)) {
            return false;
        }
        return fs.getFileStatus(dest).isFile() || fs.exists(new Path(dest, SUCCESS));
    }

    public static Path commit(FileSystem fs, Path dest, boolean overwrite, Writer writer) throws IOException {
        Path target = fs.makeQualified(dest);
        checkWritable(fs, target, overwrite);
        Path parent = target.getParent();
        if (parent != null) {
            fs.mkdirs(parent);
        }
        Path tmp = new Path(parent, target.getName() + "._tmp-" + UUID.randomUUID());
        try {
            writer.write(tmp);
            if (!fs.exists(tmp)) {
                throw new IOException("writer produced nothing at " + tmp);
            }
            if (fs.getFileStatus(tmp).isDirectory()) {
                fs.create(new Path(tmp, SUCCESS), true).close();
            }
            replace(fs, tmp, target, overwrite);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(fs, tmp);
            throw e;
        } catch (Exception e) {
            deleteQuietly(fs, tmp);
            throw new IOException("writing " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void replace(FileSystem fs, Path tmp, Path target, boolean overwrite) throws IOException {
        if (!overwrite && fs.exists(target)) {
            throw new OutputExistsException(target.toString());
        }
        AtomicFiles.replace(fs, tmp, target);
        LOG.info("committed {}", target);
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }
}

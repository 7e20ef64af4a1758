package dev.groot.model.io;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The one whole-file atomic write of groot (models, manifests, JSON, reports, any Hadoop file
 * system): the content goes to a hidden sibling {@code ._tmp-<name>-<uuid>}, is hsync'ed (on
 * HDFS: persisted by the datanodes; locally: fsync) and closed, and only then replaces the
 * destination. So a write that fails or is killed leaves the old file under the final name, never
 * a torn one. Hidden names keep Spark and Hadoop listings from picking up temporary files.
 */
public final class AtomicFiles {

    /** Writes the whole content of the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(FileSystem fs, Path dest, byte[] bytes) throws IOException {
        write(fs, dest, out -> out.write(bytes));
    }

    public static void write(FileSystem fs, Path dest, Content content) throws IOException {
        Path parent = dest.getParent();
        if (parent != null) {
            fs.mkdirs(parent);
        }
        Path tmp = new Path(parent, "._tmp-" + dest.getName() + "-" + UUID.randomUUID());
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                content.writeTo(out);
                out.hsync();
            }
            replace(fs, tmp, dest);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(fs, tmp);
            throw e;
        }
    }

    /**
     * Puts {@code tmp} (a file or a directory) in place of {@code dest}. HDFS rename does not
     * replace, so an existing destination is first moved aside to a hidden sibling, deleted only
     * after the rename succeeded, and moved back if the rename fails.
     */
    public static void replace(FileSystem fs, Path tmp, Path dest) throws IOException {
        Path old = null;
        if (fs.exists(dest)) {
            old = new Path(dest.getParent(), "._old-" + dest.getName() + "-" + UUID.randomUUID());
            if (!fs.rename(dest, old)) {
                throw new IOException("cannot move the old " + dest + " aside to " + old);
            }
        }
        if (!fs.rename(tmp, dest)) {
            if (old != null && !fs.rename(old, dest)) {
                throw new IOException("cannot rename " + tmp + " to " + dest + ", and the old content is left at " + old);
            }
            throw new IOException("cannot rename " + tmp + " to " + dest);
        }
        if (old != null) {
            deleteQuietly(fs, old);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            // a leftover hidden file is harmless; the caller's own error (if any) matters more
        }
    }
}

package dev.groot.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Atomic whole-file writes through Hadoop FileSystem: write a hidden temporary sibling, then
 * rename it into place. A reader sees the old content or the new one, never a torn file.
 */
public final class SmallFiles {

    private SmallFiles() {
    }

    public static void writeAtomically(Path dest, byte[] content, Configuration conf) {
        try {
            FileSystem fs = dest.getFileSystem(conf);
            fs.mkdirs(dest.getParent());
            Path tmp = new Path(dest.getParent(), "._tmp-" + dest.getName() + "-" + UUID.randomUUID());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(content);
                out.hsync();
            }
            // HDFS rename does not replace: remove the old file first (readers fall back to the
            // previous manifest / checkpoint for the instant in between, see RunManifests).
            if (fs.exists(dest) && !fs.delete(dest, false)) {
                throw new IOException("cannot replace " + dest);
            }
            if (!fs.rename(tmp, dest)) {
                fs.delete(tmp, false);
                throw new IOException("rename " + tmp + " -> " + dest + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + dest + ": " + e.getMessage(), e);
        }
    }

    public static void writeAtomically(Path dest, String content, Configuration conf) {
        writeAtomically(dest, content.getBytes(StandardCharsets.UTF_8), conf);
    }

    public static byte[] read(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
        }
    }

    public static boolean exists(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("checking " + path + ": " + e.getMessage(), e);
        }
    }

    public static void deleteRecursively(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (fs.exists(path)) {
                fs.delete(path, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + path + ": " + e.getMessage(), e);
        }
    }
}

package dev.groot.spark.store;

import dev.groot.model.io.AtomicFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Small whole files through Hadoop FileSystem. Writes go through {@link AtomicFiles} (hidden
 * temporary sibling, hsync, rename): a reader sees the old content or the new one, never a torn file.
 */
public final class SmallFiles {

    private SmallFiles() {
    }

    public static void writeAtomically(Path dest, byte[] content, Configuration conf) {
        try {
            // Between moving the old file aside and the rename, dest is briefly absent: readers fall
            // back to the previous manifest / checkpoint for that instant (see RunManifests).
            AtomicFiles.write(dest.getFileSystem(conf), dest, content);
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

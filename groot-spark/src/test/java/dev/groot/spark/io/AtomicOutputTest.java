package dev.groot.spark.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicOutputTest {

    @TempDir
    java.nio.file.Path dir;

    private static void writeText(FileSystem fs, Path p, String text) throws IOException {
        try (OutputStream o = fs.create(p, false)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void directoryIsCommittedWithMarkerAndRefusedAfterwards() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path dest = new Path(dir.resolve("out").toUri());
        AtomicOutput.commit(fs, dest, false, tmp -> writeText(fs, new Path(tmp, "a.txt"), "one"));
        assertTrue(AtomicOutput.isComplete(fs, dest));
        assertEquals("one", Files.readString(dir.resolve("out/a.txt")));
        assertThrows(OutputExistsException.class,
                () -> AtomicOutput.commit(fs, dest, false, tmp -> writeText(fs, new Path(tmp, "a.txt"), "two")));
        AtomicOutput.commit(fs, dest, true, tmp -> writeText(fs, new Path(tmp, "b.txt"), "two"));
        assertFalse(Files.exists(dir.resolve("out/a.txt")), "overwrite replaces the whole directory");
        assertEquals("two", Files.readString(dir.resolve("out/b.txt")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary or old directories are left behind");
        }
    }

    @Test
    void fileOutputIsRenamedIntoPlace() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path dest = new Path(dir.resolve("sub/model.bin").toUri());
        AtomicOutput.commit(fs, dest, false, tmp -> writeText(fs, tmp, "bytes"));
        assertEquals("bytes", Files.readString(dir.resolve("sub/model.bin")));
        assertTrue(AtomicOutput.isComplete(fs, dest));
    }

    @Test
    void failingWriterLeavesNothing() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path dest = new Path(dir.resolve("out").toUri());
        IOException e = assertThrows(IOException.class, () -> AtomicOutput.commit(fs, dest, false, tmp -> {
            writeText(fs, new Path(tmp, "half.txt"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
        assertFalse(AtomicOutput.isComplete(fs, dest));
    }
}

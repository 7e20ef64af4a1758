package dev.groot.model.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @TempDir
    java.nio.file.Path dir;

    private Path dest() {
        return new Path(dir.resolve("sub/state.json").toUri());
    }

    private String content() throws IOException {
        return Files.readString(dir.resolve("sub/state.json"));
    }

    /** Temporary and moved-aside files start with "._"; none may be left behind. */
    private List<String> leftovers() throws IOException {
        try (var s = Files.list(dir.resolve("sub"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("._")).toList();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesANewFileAndRenamesOverAnExistingOne() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        AtomicFiles.write(fs, dest(), utf8("old"));
        assertEquals("old", content());
        AtomicFiles.write(fs, dest(), utf8("new, longer content"));
        assertEquals("new, longer content", content());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailingWriterLeavesTheOldContent() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        AtomicFiles.write(fs, dest(), utf8("old"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(fs, dest(), out -> {
            out.write(utf8("half of the new"));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", content());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedRenameMovesTheOldContentBack() throws IOException {
        FileSystem local = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        AtomicFiles.write(local, dest(), utf8("old"));
        // a file system whose rename of a temporary file fails (e.g. a lost namenode RPC)
        FileSystem failing = new FilterFileSystem(local) {
            @Override
            public boolean rename(Path src, Path dst) throws IOException {
                return !src.getName().startsWith("._tmp-") && super.rename(src, dst);
            }
        };
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(failing, dest(), utf8("new")));
        assertTrue(e.getMessage().startsWith("cannot rename "), e.getMessage());
        assertEquals("old", content());
        assertEquals(List.of(), leftovers());
    }
}

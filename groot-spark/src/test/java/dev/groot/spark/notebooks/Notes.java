package dev.groot.spark.notebooks;

import dev.groot.spark.cluster.ProjectPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The notes shipped in notebooks/, parsed. */
final class Notes {

    private Notes() {
    }

    static Path dir() {
        return ProjectPaths.root().resolve("notebooks");
    }

    static List<ZeppelinNote> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zpln")).sorted().map(ZeppelinNote::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ZeppelinNote.Paragraph paragraph(String noteName, String titleStart) {
        return all().stream().filter(n -> n.name().equals(noteName)).flatMap(n -> n.paragraphs().stream())
                .filter(p -> p.title().startsWith(titleStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph '" + titleStart + "' in note " + noteName));
    }
}

package dev.groot.spark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs one compiled test class (and its nested classes) into a jar that Spark can ship. */
final class ClassJar {

    private ClassJar() {
    }

    static Path of(Class<?> type, Path jar) {
        String packagePath = type.getPackageName().replace('.', '/');
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = root.resolve(packagePath);
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar);
                 JarOutputStream jarOut = new JarOutputStream(out, new Manifest());
                 Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.equals(type.getSimpleName() + ".class") || name.startsWith(type.getSimpleName() + "$")) {
                        jarOut.putNextEntry(new JarEntry(packagePath + "/" + name));
                        jarOut.write(Files.readAllBytes(f));
                        jarOut.closeEntry();
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no class folder for " + type, e);
        }
    }
}

package dev.groot.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the repository, the deploy scripts and the build outputs are, seen from a test. */
public final class ProjectPaths {

    private static final Pattern PARENT_VERSION =
            Pattern.compile("<artifactId>groot-parent</artifactId>\\s*<version>([^<]+)</version>");

    private ProjectPaths() {
    }

    /** The repository root: the first folder upwards from the working directory holding deploy/. */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (a folder with deploy/ and pom.xml) above " + dir);
    }

    public static Path deploy() {
        return root().resolve("deploy");
    }

    /** The project version declared by the parent pom. */
    public static String version() {
        Matcher m = PARENT_VERSION.matcher(read(root().resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("pom.xml: no <version> after <artifactId>groot-parent</artifactId>");
        }
        return m.group(1).trim();
    }

    /** The shaded job jar the package phase builds (Spark and Hadoop provided). */
    public static Path jobJar() {
        return root().resolve("groot-spark/target/groot-spark-" + version() + "-job.jar");
    }

    /** The launcher classpath the package phase writes (Spark jars included). */
    public static Path launcherClasspath() {
        return root().resolve("groot-spark/target/launcher-classpath.txt");
    }

    /** A scratch folder under groot-spark/target for one test run. */
    public static Path scratch(String name) {
        Path dir = root().resolve("groot-spark/target/" + name + "-" + ProcessHandle.current().pid());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

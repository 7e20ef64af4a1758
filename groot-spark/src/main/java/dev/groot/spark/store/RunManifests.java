package dev.groot.spark.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Reads and commits run manifests. Each commit writes a NEW numbered file
 * ({@code _manifests/00000007.json}) by an atomic rename, so committing never overwrites the
 * previous state; each file carries a SHA-256 of its content, and a damaged newest file (killed
 * mid-write on a store without atomic rename, or tampered) is skipped in favour of the one before.
 */
public final class RunManifests {

    private static final Logger LOG = LoggerFactory.getLogger(RunManifests.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private RunManifests() {
    }

    public static Optional<RunManifest> latest(RunLayout layout, Configuration conf) {
        for (FileStatus file : newestFirst(layout, conf)) {
            try {
                return Optional.of(parse(SmallFiles.read(file.getPath(), conf)));
            } catch (RuntimeException e) {
                LOG.warn("Skipping damaged run manifest {}: {}", file.getPath(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    public static void commit(RunLayout layout, RunManifest manifest, Configuration conf) {
        FileStatus[] existing = newestFirst(layout, conf);
        long next = existing.length == 0 ? 1 : sequence(existing[0].getPath()) + 1;
        Path dest = new Path(layout.manifests(), String.format("%08d.json", next));
        SmallFiles.writeAtomically(dest, serialise(manifest), conf);
    }

    static byte[] serialise(RunManifest manifest) {
        try {
            JsonNode body = JSON.valueToTree(manifest);
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("sha256", checksum(body));
            wrapper.set("manifest", body);
            return JSON.writeValueAsBytes(wrapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the manifest's canonical JSON: what the wrapper's "sha256" field holds. */
    static String checksum(JsonNode manifest) throws IOException {
        return Checksums.sha256(JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
    }

    static RunManifest parse(byte[] bytes) {
        try {
            JsonNode wrapper = JSON.readTree(bytes);
            if (wrapper == null || !wrapper.has("sha256") || !wrapper.has("manifest")) {
                throw new IllegalStateException("not a groot run manifest (no sha256/manifest fields)");
            }
            String expected = wrapper.get("sha256").asText();
            String actual = checksum(wrapper.get("manifest"));
            if (!expected.equals(actual)) {
                throw new IllegalStateException("checksum mismatch (expected " + expected + ", content has " + actual + ")");
            }
            return JSON.treeToValue(wrapper.get("manifest"), RunManifest.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable manifest: " + e.getMessage(), e);
        }
    }

    private static FileStatus[] newestFirst(RunLayout layout, Configuration conf) {
        try {
            FileSystem fs = layout.root().getFileSystem(conf);
            if (!fs.exists(layout.manifests())) {
                return new FileStatus[0];
            }
            FileStatus[] files = fs.listStatus(layout.manifests(),
                    p -> p.getName().matches("\\d{8}\\.json"));
            Arrays.sort(files, Comparator.comparingLong((FileStatus f) -> sequence(f.getPath())).reversed());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + layout.manifests() + ": " + e.getMessage(), e);
        }
    }

    private static long sequence(Path p) {
        return Long.parseLong(p.getName().substring(0, 8));
    }
}

package dev.groot.spark.reliability;

import dev.groot.model.tagger.ModelIO;
import dev.groot.spark.job.GrootTrainJob;
import dev.groot.spark.job.SparkTestData;
import dev.groot.spark.store.Checksums;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged state in a finished two-iteration run: a truncated or corrupted checkpoint, a
 * truncated or tampered manifest, a corrupted RUN_DIR/best. Each is detected by its checksum with
 * a clear message, and rerunning the same command falls back to the last good iteration and
 * redoes only what was lost.
 */
@Tag("fault")
@Tag("spark")
@DisplayName("Damaged checkpoints, models and manifests")
@ExtendWith(ReliabilityResults.class)
class CorruptedStateTest {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Configuration conf;
    static Path finished;
    static String data;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        conf = spark.sparkContext().hadoopConfiguration();
        finished = Path.of(SparkTestData.sharedRun(spark));
        data = SparkTestData.sharedRunData(finished.toString());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @DisplayName("truncated checkpoint of the last iteration")
    void truncatedCheckpoint() throws IOException {
        Path run = copy("truncated-checkpoint");
        Path model = run.resolve("iteration=2/model.groot");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String error = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(model.toString(), conf)).getMessage();
        assertTrue(error.contains("truncated model file"), error);
        String log = rerun(run, 2);
        assertTrue(log.contains("checkpoint of iteration 2 is damaged; resuming from iteration 1"), log);
        assertRedone(run, 2);
        ReliabilityResults.outcome("load: \"" + error + "\"; rerun: its sha256 no longer matches the manifest, rolled "
                + "back to iteration 1 and redid iteration 2");
    }

    @Test
    @DisplayName("corrupted checkpoint (one byte flipped)")
    void corruptedCheckpoint() throws IOException {
        Path run = copy("corrupted-checkpoint");
        Path model = run.resolve("iteration=2/model.groot");
        flipByte(model);
        String error = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(model.toString(), conf)).getMessage();
        assertTrue(error.contains("checksum mismatch"), error);
        String log = rerun(run, 2);
        assertTrue(log.contains("checkpoint of iteration 2 is damaged; resuming from iteration 1"), log);
        assertRedone(run, 2);
        ReliabilityResults.outcome("load: \"" + error + "\"; rerun rolled back to iteration 1 and redid iteration 2");
    }

    @Test
    @DisplayName("newest run manifest tampered (checksum mismatch) and truncated")
    void damagedManifests() throws IOException {
        Path run = copy("damaged-manifest");
        List<Path> manifests = manifests(run);
        Path newest = manifests.get(manifests.size() - 1);
        String json = Files.readString(newest);
        // Tampered: a different dev reward with the old checksum.
        Files.writeString(newest, json.replaceFirst("\"dev_reward\" : [0-9.E-]+", "\"dev_reward\" : 0.999"));
        assertTrue(!Files.readString(newest).equals(json), "the manifest was changed");
        String log = rerun(run, 2);
        assertTrue(log.contains("after committed iteration 1"), log);
        assertRedone(run, 2);

        // Truncated: the same again with the new newest manifest cut in half.
        manifests = manifests(run);
        newest = manifests.get(manifests.size() - 1);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        log = rerun(run, 2);
        assertTrue(log.contains("after committed iteration 1"), log);
        assertRedone(run, 2);
        ReliabilityResults.outcome("tampered and truncated newest manifest skipped (logged as damaged); the one "
                + "before it is used: resumed after iteration 1 and redid iteration 2, twice");
    }

    @Test
    @DisplayName("corrupted RUN_DIR/best")
    void corruptedBest() throws IOException {
        Path run = copy("corrupted-best");
        Path best = run.resolve("best");
        flipByte(best);
        String log = rerun(run, 2);
        assertTrue(log.contains("after committed iteration 2"), log);
        RunManifest m = RunOutputs.manifest(run.toString(), conf);
        String want = m.iteration(m.bestIteration()).modelSha256();
        assertEquals(want, Checksums.sha256(Files.readAllBytes(best)), "best restored from its checkpoint");
        ModelIO.load(best.toString(), conf);
        ReliabilityResults.outcome("rerun (nothing left to train) restored best from the checkpoint of iteration "
                + m.bestIteration() + " (sha256 matches the manifest)");
    }

    private static Path copy(String name) {
        Path dest = tmp.resolve(name);
        RunOutputs.copyRun(finished, dest);
        return dest;
    }

    private static String rerun(Path run, int iterations) {
        List<String> log = new ArrayList<>();
        new GrootTrainJob(spark, SparkTestData.config(data, run.toString(), iterations, true), log::add).run();
        return String.join("\n", log);
    }

    /** The iteration is committed again with an intact checkpoint that loads. */
    private static void assertRedone(Path run, int iteration) throws IOException {
        RunManifest m = RunOutputs.manifest(run.toString(), conf);
        assertEquals(iteration, m.lastIteration());
        Path model = run.resolve("iteration=" + iteration + "/model.groot");
        assertEquals(m.iteration(iteration).modelSha256(), Checksums.sha256(Files.readAllBytes(model)));
        RunOutputs.assertModelLoads(run.toString(), conf);
        RunOutputs.CandidateCounts c = RunOutputs.counts(spark, run.toString(), iteration);
        assertEquals(c.rows(), c.distinctKeys());
    }

    private static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
    }

    private static List<Path> manifests(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("_manifests"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}\\.json")).sorted(Comparator.naturalOrder()).toList();
        }
    }
}

package dev.groot.model.tagger;

import dev.groot.model.io.AtomicFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One file per model, through Hadoop FileSystem (file://, hdfs://, ...). Layout:
 * magic "GROOTMDL", format version, payload length, payload, CRC32 of the payload. The payload
 * holds the manifest (JSON, includes the config), the vocabulary tables and the DL4J network
 * with its updater state (so training can continue). Writes are atomic ({@link AtomicFiles}).
 */
public final class ModelIO {
    private static final byte[] MAGIC = "GROOTMDL".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;

    private ModelIO() {
    }

    public static void save(TaggerModel model, String uri, Configuration conf) {
        byte[] bytes = toBytes(model);
        Path target = new Path(uri);
        try {
            AtomicFiles.write(fileSystem(target, conf), target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("saving model to " + uri + ": " + e.getMessage(), e);
        }
    }

    public static TaggerModel load(String uri, Configuration conf) {
        Path path = new Path(uri);
        byte[] bytes;
        try {
            FileSystem fs = fileSystem(path, conf);
            long len = fs.getFileStatus(path).getLen();
            if (len > Integer.MAX_VALUE - 16) {
                throw new IOException("file too large for a model: " + len + " bytes");
            }
            bytes = new byte[(int) len];
            try (FSDataInputStream in = fs.open(path)) {
                in.readFully(0, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("loading model " + uri + ": " + e.getMessage(), e);
        }
        try {
            return fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The whole model, optimizer state included (checkpoints: an update may continue it). */
    public static byte[] toBytes(TaggerModel model) {
        return toBytes(model, true);
    }

    /** The model without its optimizer state (two thirds of an Adam-trained model): for decoding only. */
    public static byte[] toBytesForInference(TaggerModel model) {
        return toBytes(model, false);
    }

    private static byte[] toBytes(TaggerModel model, boolean withOptimizerState) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payload);
            writeBytes(p, model.manifest().toJson().getBytes(StandardCharsets.UTF_8));
            Vocabularies v = model.vocabularies();
            p.writeInt(v.suffixLength());
            for (List<String> table : List.of(v.words(), v.shapes(), v.suffixes(), v.tags())) {
                p.writeInt(table.size());
                for (String s : table) {
                    writeBytes(p, s.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ComputationGraph graph = model.network();
            synchronized (graph) {
                ModelSerializer.writeModel(graph, net, withOptimizerState);
            }
            writeBytes(p, net.toByteArray());
            p.flush();
            byte[] body = payload.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + HEADER + 8);
            DataOutputStream out = new DataOutputStream(all);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(body.length);
            out.write(body);
            out.writeLong(crc.getValue());
            out.flush();
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("serialising model: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException for anything that is not an intact model of this format */
    public static TaggerModel fromBytes(byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a groot model file (missing GROOTMDL header)");
        }
        if (bytes.length < HEADER + 8) {
            throw new IllegalArgumentException("truncated model file: " + bytes.length + " bytes, header alone needs " + (HEADER + 8));
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported model format version " + version + " (this build reads "
                        + FORMAT_VERSION + ")");
            }
            long len = in.readLong();
            long expected = HEADER + len + 8;
            if (len < 0 || bytes.length < expected) {
                throw new IllegalArgumentException("truncated model file: " + bytes.length + " bytes, expected " + expected);
            }
            if (bytes.length > expected) {
                throw new IllegalArgumentException("corrupt model file: " + (bytes.length - expected) + " unexpected trailing bytes");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, HEADER, (int) len);
            long stored = readLongAt(bytes, (int) (HEADER + len));
            if (crc.getValue() != stored) {
                throw new IllegalArgumentException("corrupt model file: checksum mismatch");
            }
            DataInputStream p = new DataInputStream(new ByteArrayInputStream(bytes, HEADER, (int) len));
            ModelManifest manifest = ModelManifest.fromJson(new String(readBytes(p), StandardCharsets.UTF_8));
            int suffixLength = p.readInt();
            List<List<String>> tables = new ArrayList<>(4);
            for (int i = 0; i < 4; i++) {
                int n = p.readInt();
                List<String> table = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    table.add(new String(readBytes(p), StandardCharsets.UTF_8));
                }
                tables.add(table);
            }
            Vocabularies v = Vocabularies.of(tables.get(0), tables.get(1), tables.get(2), tables.get(3), suffixLength);
            ComputationGraph net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(readBytes(p)), true);
            return TaggerModel.of(manifest.config(), v, manifest, net);
        } catch (EOFException e) {
            throw new IllegalArgumentException("corrupt model file: a section ends early", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt model file: " + e.getMessage(), e);
        }
    }

    private static long readLongAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("section length " + n + " exceeds the remaining " + in.available() + " bytes");
        }
        return in.readNBytes(n);
    }

    // The local file system's .crc side files are useless next to our own checksum: write raw.
    private static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf == null ? new Configuration() : conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }
}

package dev.groot.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock on a directory (a run, or the retraining home), held by creating a file with
 * create-if-absent semantics. The holder refreshes the file's modification time; a lock whose
 * holder is a dead process on this host, or whose heartbeat is older than the stale timeout, is
 * taken over with a warning.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private final Path path;
    private final FileSystem fs;
    private final ScheduledExecutorService heartbeat;

    private RunLock(Path path, FileSystem fs) {
        this.path = path;
        this.fs = fs;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "groot-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Takes the lock or throws IllegalStateException naming the holder. */
    public static RunLock acquire(Path lockFile, Configuration conf) {
        try {
            FileSystem fs = lockFile.getFileSystem(conf);
            fs.mkdirs(lockFile.getParent());
            for (int attempt = 0; attempt < 2; attempt++) {
                try (FSDataOutputStream out = fs.create(lockFile, false)) {
                    out.write(holderDescription().getBytes(StandardCharsets.UTF_8));
                    out.hsync();
                    return new RunLock(lockFile, fs);
                } catch (IOException alreadyThere) {
                    if (!fs.exists(lockFile)) {
                        throw alreadyThere;
                    }
                    String holder = readHolder(fs, lockFile);
                    if (isStale(fs, lockFile, holder)) {
                        LOG.warn("Taking over stale lock {} (held by {})", lockFile, holder);
                        fs.delete(lockFile, false);
                        continue;
                    }
                    throw new IllegalStateException(lockFile.getParent() + " is in use by another groot process ("
                            + holder + "); wait for it to finish, or delete " + lockFile
                            + " if that process is gone");
                }
            }
            throw new IllegalStateException("could not take lock " + lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Lock heartbeat on {} failed: {}", path, e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("Could not release lock {}: {}", path, e.getMessage());
        }
    }

    static String holderDescription() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return "pid=" + ProcessHandle.current().pid() + " host=" + host + " since=" + Instant.now()
                + " jvm=" + ManagementFactory.getRuntimeMXBean().getName();
    }

    private static String readHolder(FileSystem fs, Path lockFile) {
        try (var in = fs.open(lockFile)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unreadable lock file";
        }
    }

    private static boolean isStale(FileSystem fs, Path lockFile, String holder) throws IOException {
        FileStatus status = fs.getFileStatus(lockFile);
        long age = System.currentTimeMillis() - status.getModificationTime();
        if (age > STALE_AFTER.toMillis()) {
            return true;
        }
        String myHost = holderDescription().replaceAll(".* host=(\\S+) .*", "$1");
        String host = holder.replaceAll(".* host=(\\S+) .*", "$1");
        String pid = holder.replaceAll("^pid=(\\d+) .*", "$1");
        if (host.equals(myHost) && pid.matches("\\d+")) {
            return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
        }
        return false;
    }
}

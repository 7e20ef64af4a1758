package dev.groot.spark.job;

import org.apache.spark.TaskContext;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Test-only fault hooks, inert unless the JVM is started with the system properties below.
 * <ul>
 *   <li>{@code groot.fault.pauseAt=<point>}: at that point the driver prints
 *       {@code GROOT-FAULT-POINT <point>} and blocks, so a test can SIGKILL it exactly there.</li>
 *   <li>{@code groot.fault.releaseFile=<local file>}: the paused driver goes on once that file
 *       exists, so a test can break something (stop a DataNode) exactly at the point.</li>
 *   <li>{@code groot.fault.failFirstAttempt=generate,update}: the first attempt of every task of
 *       those stages throws, so Spark must retry it (run with a master like {@code local[2,4]}).</li>
 * </ul>
 */
public record FaultPoints(String pauseAt, Set<String> failFirstAttempt, String releaseFile) implements Serializable {

    public static FaultPoints fromSystemProperties() {
        String pause = System.getProperty("groot.fault.pauseAt", "");
        String fail = System.getProperty("groot.fault.failFirstAttempt", "");
        String release = System.getProperty("groot.fault.releaseFile", "");
        return new FaultPoints(pause, fail.isBlank() ? Set.of() : Set.of(fail.split(",")), release);
    }

    public static FaultPoints none() {
        return new FaultPoints("", Set.of(), "");
    }

    /** Called by the driver at each named point of an iteration. */
    public void maybeKill(String point) {
        if (point.equals(pauseAt)) {
            System.out.println("GROOT-FAULT-POINT " + point);
            System.out.flush();
            try {
                while (releaseFile.isEmpty() || !Files.exists(Path.of(releaseFile))) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called inside a task: fails its first attempt when the stage is configured to. */
    public void maybeFailTask(String stage) {
        TaskContext ctx = TaskContext.get();
        if (ctx != null && failFirstAttempt.contains(stage) && ctx.attemptNumber() == 0) {
            throw new IllegalStateException("injected fault: first attempt of a " + stage + " task (partition "
                    + ctx.partitionId() + ")");
        }
    }
}

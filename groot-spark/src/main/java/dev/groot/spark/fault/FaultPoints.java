package dev.groot.spark.fault;

import dev.groot.model.engine.FaultHook;
import org.apache.spark.TaskContext;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Test-only fault hooks, inert unless the JVM is started with the system properties below.
 * <ul>
 *   <li>{@code groot.fault.pauseAt=<point>}: at that point the driver prints
 *       {@code GROOT-FAULT-POINT <point>} and pauses, so a test can SIGKILL it exactly there.</li>
 *   <li>{@code groot.fault.releaseFile=<local file>}: the paused driver goes on once that file
 *       exists, so a test can break something (stop a DataNode) exactly at the point; without it
 *       the driver stays paused until it is killed.</li>
 *   <li>{@code groot.fault.failFirstAttempt=generate,update}: the first attempt of every task of
 *       those stages throws, so Spark must retry it (run with a master like {@code local[2,4]}).</li>
 * </ul>
 */
public record FaultPoints(String pauseAt, Set<String> failFirstAttempt, String releaseFile)
        implements FaultHook, Serializable {

    public FaultPoints {
        failFirstAttempt = Set.copyOf(failFirstAttempt);
    }

    public static FaultPoints fromSystemProperties() {
        String pause = System.getProperty("groot.fault.pauseAt", "");
        String fail = System.getProperty("groot.fault.failFirstAttempt", "");
        String release = System.getProperty("groot.fault.releaseFile", "");
        return new FaultPoints(pause, fail.isBlank() ? Set.of() : Set.of(fail.split(",")), release);
    }

    public static FaultPoints none() {
        return new FaultPoints("", Set.of(), "");
    }

    /**
     * Called by the driver at each named point of an iteration: pauses there when asked to. An
     * interrupt while paused fails the run instead of carrying on as if the test had released it.
     */
    @Override
    public void reached(String point) {
        if (!point.equals(pauseAt)) {
            return;
        }
        System.out.println("GROOT-FAULT-POINT " + point);
        System.out.flush();
        try {
            while (releaseFile.isEmpty() || !Files.exists(Path.of(releaseFile))) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused at fault point " + point, e);
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

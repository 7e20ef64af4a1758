package dev.groot.spark.cluster;

import java.util.Optional;

/** What one submission left behind: the submit log and, when the driver got that far, its event log. */
public final class SubmitResult {

    private final ScriptRunner.Result process;
    private final Optional<EventLogTasks> events;

    SubmitResult(ScriptRunner.Result process, Optional<EventLogTasks> events) {
        this.process = process;
        this.events = events;
    }

    public int exitCode() {
        return process.exitCode();
    }

    /** Driver and submit output (stdout and stderr). */
    public String output() {
        return process.output();
    }

    /** Fails with the log's tail unless spark-submit exited with 0. */
    public SubmitResult requireSuccess() {
        process.requireSuccess();
        return this;
    }

    /** The application's event log; fails if the driver wrote none. */
    public EventLogTasks events() {
        return events.orElseThrow(() -> new AssertionError(
                "no event log was written (log " + process.log() + "):\n" + process.tail(40)));
    }
}

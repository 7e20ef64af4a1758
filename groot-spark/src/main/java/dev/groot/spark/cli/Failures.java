package dev.groot.spark.cli;

import dev.groot.model.io.ReadException;

/** Turns an exception (possibly wrapped by Spark) into the one line a user sees. */
final class Failures {

    private Failures() {
    }

    static String oneLine(Throwable ex) {
        Throwable best = ex;
        Throwable root = ex;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof ReadException) {
                // Spark may wrap it; the reader's own message (file:line: problem) is the useful one.
                best = t;
                break;
            }
        }
        // A task's own error (e.g. an unknown tag met on an executor) says more than Spark's
        // "Job aborted due to stage failure: ..." wrapper around it.
        while (best instanceof org.apache.spark.SparkException && best.getCause() != null
                && best.getCause().getMessage() != null && !best.getCause().getMessage().isBlank()) {
            best = best.getCause();
        }
        if (best.getMessage() == null || best.getMessage().isBlank()) {
            best = root;
        }
        String msg = best.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = best.getClass().getSimpleName();
        }
        String line = msg.strip().lines().findFirst().orElse(msg);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}

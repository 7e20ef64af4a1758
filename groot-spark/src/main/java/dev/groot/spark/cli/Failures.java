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

package dev.groot.spark.reliability;

import dev.groot.spark.cli.GrootCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** {@code groot ...} through {@link GrootCli#entryPoint} in this JVM, with its out and err captured. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrootCli.entryPoint(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The single error line; fails unless the command failed with exactly one line on its error channel. */
    String oneErrorLine() {
        if (exitCode == 0) {
            throw new AssertionError("expected a failure, but groot exited 0; out:\n" + out);
        }
        List<String> lines = errLines();
        if (lines.size() != 1) {
            throw new AssertionError("expected one error line, got " + lines.size() + ":\n" + err);
        }
        return lines.get(0);
    }
}

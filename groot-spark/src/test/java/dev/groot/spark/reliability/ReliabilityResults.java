package dev.groot.spark.reliability;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Appends one row per reliability test to {@code target/reliability/results.tsv}: area (the
 * class's {@link DisplayName}), case (the test's display name), pass/fail, the outcome the test
 * observed ({@link #outcome}) or the failure, and seconds. {@link ReliabilityReport} renders it.
 */
public final class ReliabilityResults implements BeforeEachCallback, TestWatcher {

    static final Path FILE = Path.of("target", "reliability", "results.tsv");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ReliabilityResults.class);
    private static volatile String outcome;

    /** What the current test observed, e.g. the exact error line or the counts; shown in the table. */
    static void outcome(String text) {
        outcome = text;
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        outcome = null;
        ctx.getStore(NS).put("start", System.nanoTime());
    }

    @Override
    public void testSuccessful(ExtensionContext ctx) {
        append(ctx, "pass", outcome == null ? "as expected" : outcome);
    }

    @Override
    public void testFailed(ExtensionContext ctx, Throwable cause) {
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        append(ctx, "FAIL", msg.lines().findFirst().orElse(msg));
    }

    @Override
    public void testAborted(ExtensionContext ctx, Throwable cause) {
        append(ctx, "skipped", String.valueOf(cause.getMessage()));
    }

    private static void append(ExtensionContext ctx, String status, String text) {
        Long start = ctx.getStore(NS).get("start", Long.class);
        double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
        Area own = ctx.getRequiredTestMethod().getAnnotation(Area.class);
        DisplayName named = ctx.getRequiredTestClass().getAnnotation(DisplayName.class);
        String area = own != null ? own.value() : named != null ? named.value() : ctx.getRequiredTestClass().getSimpleName();
        String row = String.join("\t", clean(area), clean(ctx.getDisplayName()), status, clean(text),
                String.format(java.util.Locale.ROOT, "%.1f", seconds), Instant.now().toString()) + "\n";
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record reliability result in " + FILE, e);
        }
        outcome = null;
    }

    /** Files a test under another area of the report than its class's (a test sharing an expensive fixture). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @interface Area {
        String value();
    }

    private static String clean(String s) {
        String one = Optional.ofNullable(s).orElse("").replaceAll("[\\t\\r\\n]+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}

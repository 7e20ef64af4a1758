package dev.groot.spark.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrootCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static CommandLine rootWithSubcommands() {
        CommandLine root = new CommandLine(new GrootCli());
        GrootCli.SUBCOMMANDS.forEach(s -> root.addSubcommand(s.get()));
        return root;
    }

    private int run(String... args) {
        return GrootCli.entryPoint(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("ingest"), out::toString);
        assertTrue(out.toString().contains("demo"), out::toString);
        assertEquals(0, run("ingest", "--help"));
        assertTrue(out.toString().contains("--on-error"), out::toString);
    }

    @Test
    void everyOptionOfEveryCommandHasADescription() {
        CommandLine root = rootWithSubcommands();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (CommandLine cmd : root.getSubcommands().values()) {
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                checked++;
                if (String.join(" ", o.description()).isBlank()) {
                    missing.add(cmd.getCommandName() + " " + o.longestName());
                }
            }
        }
        assertTrue(checked > 100, "walked " + checked + " options");
        assertEquals(List.of(), missing, "options without a description");
    }

    @Test
    void everyHelpTextIsAValidFormatString() {
        // picocli formats descriptions with String.format; a bare "%" (seen: compare's "95% intervals")
        // makes it warn on every --help and print the text unformatted.
        CommandLine root = rootWithSubcommands();
        List<String> texts = new ArrayList<>();
        for (CommandLine cmd : root.getSubcommands().values()) {
            texts.addAll(List.of(cmd.getCommandSpec().usageMessage().description()));
            cmd.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
        }
        List<String> invalid = new ArrayList<>();
        for (String text : texts) {
            try {
                String.format(text);
            } catch (java.util.IllegalFormatException e) {
                invalid.add(text);
            }
        }
        assertTrue(texts.size() > 100, "checked " + texts.size() + " texts");
        assertEquals(List.of(), invalid, "help texts that are not valid format strings");
    }

    @Test
    void localUpdaterIsLabelledAsATestTool() {
        assertEquals(0, run("train", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--local-updater") && help.contains("For tests and tiny data only"), help);
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Usage: groot"), err::toString);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("ingest", "--format", "xml", "--input", "x", "--output", "y"));
        assertTrue(err.toString().contains("unknown format 'xml'"), err::toString);
        assertEquals(2, run("ingest", "--format", "jsonl", "--input", "x"));
        assertTrue(err.toString().contains("--output"), err::toString);
        assertEquals(2, run("ingest", "--format", "jsonl", "--task", "brown-pos", "--input", "x", "--output", "y"));
    }

    @Test
    @Tag("spark")
    void failureIsOneLineOnStderrWithNonZeroExit() {
        int code = run("ingest", "--master", "local[2]", "--format", "brown", "--input", dir.resolve("missing").toString(),
                "--output", dir.resolve("out").toString());
        assertEquals(1, code);
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("groot ingest: error: ") && e.endsWith("missing:0: input does not exist"), e);
    }

    @Test
    @Tag("spark")
    void ingestAndDemoRunAndPrintTheSummary() throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize();
        assertEquals(0, run("ingest", "--master", "local[2]", "--format", "conll", "--input",
                home.resolve("data/sample/conll").toString(), "--output", dir.resolve("c").toString(), "--tag-column", "1"), err::toString);
        assertTrue(out.toString().contains("ingested 36 sentences"), out::toString);
        assertTrue(Files.exists(dir.resolve("c/_summary.json")));
        assertEquals(1, run("ingest", "--master", "local[2]", "--format", "conll", "--input",
                home.resolve("data/sample/conll").toString(), "--output", dir.resolve("c").toString()));
        assertTrue(err.toString().contains("already exists (use --overwrite"), err::toString);
        assertEquals(0, run("demo", "--master", "local[2]", "--home", home.toString(), "--output",
                dir.resolve("demo").toString(), "--iterations", "1"), err::toString);
        assertTrue(out.toString().contains("ingested 288 sentences, 6,768 tokens, 154 spans"), out::toString);
        assertTrue(out.toString().contains("iteration 1 committed"), out::toString);
        assertTrue(out.toString().contains("demo finished"), out::toString);
        String demo = out.toString().substring(out.toString().indexOf("== 1/4 ingest"));
        assertTrue(demo.lines().noneMatch(l -> l.contains("{") || l.contains("}")), "no stray JSON in the demo: " + demo);
        assertTrue(java.nio.file.Files.size(dir.resolve("demo/report.html")) > 10_000, "the demo writes its report");
        assertTrue(java.nio.file.Files.exists(dir.resolve("demo/run/best")), "the demo keeps the best model");
    }
}

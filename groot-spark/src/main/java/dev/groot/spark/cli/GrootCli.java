package dev.groot.spark.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code groot}: the one entry point, for bin/groot and for spark-submit alike. {@link #main}
 * only exits with what {@link #entryPoint} returns, so tests call entryPoint directly.
 */
@Command(name = "groot", mixinStandardHelpOptions = true, version = "groot 0.1.0-SNAPSHOT",
        description = "GROOT reward optimisation of generative sequence taggers on Spark + DL4J.",
        synopsisSubcommandLabel = "COMMAND")
public final class GrootCli implements Callable<Integer> {

    /**
     * THE list of subcommands, in help order. Add a command by writing its class (a picocli
     * {@code @Command} implementing {@code Callable<Integer>}) and adding it here.
     */
    static final List<Supplier<Object>> SUBCOMMANDS = List.of(
            IngestCommand::new,
            TrainCommand::new,
            EvaluateCommand::new,
            PredictCommand::new,
            InspectCommand::new,
            ReportCommand::new,
            RetrainCommand::new,
            CompareCommand::new,
            BenchCommand::new,
            DemoCommand::new
    );

    /** Stack traces of failures go here only (the file log), never to the console. */
    static final Logger FAILURE_LOG = LoggerFactory.getLogger("dev.groot.failure");

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(entryPoint(args));
    }

    public static int entryPoint(String[] args) {
        return entryPoint(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int entryPoint(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new GrootCli());
        SUBCOMMANDS.forEach(s -> cl.addSubcommand(s.get()));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            FAILURE_LOG.error("groot {} failed", cmd.getCommandName(), ex);
            cmd.getErr().println("groot " + cmd.getCommandName() + ": error: " + Failures.oneLine(ex));
            cmd.getErr().flush();
            return 1;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

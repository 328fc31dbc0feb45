package io.branchline.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code branchline} command-line tool. */
@Command(name = "branchline", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Branchline: interactive video stories that viewers steer.",
        subcommands = {CheckCommand.class, GraphCommand.class, RenderCommand.class, ServeCommand.class, RenderNodeCommand.class, VerifyCommand.class, BenchCommand.class, SimulateCommand.class, ExampleMediaCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit status: 0 fine, 1 the input has errors, 2 bad usage. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("branchline: something went wrong inside Branchline: " + e
                    + "\nPlease report this with the command you ran" + (System.getenv("BRANCHLINE_DEBUG") == null
                    ? " (set BRANCHLINE_DEBUG=1 to print the details)." : ".")); 
            if (System.getenv("BRANCHLINE_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 70;
        });
        return cli.execute(args);
    }

    /** With no command there is nothing to do: that is a usage mistake, so the usage goes to standard error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

package io.branchline.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code branchline} command-line tool. */
@Command(name = "branchline", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Branchline: interactive video stories that viewers steer.",
        subcommands = {NewCommand.class, CheckCommand.class, GraphCommand.class, RenderCommand.class, ServeCommand.class, RenderNodeCommand.class, VerifyCommand.class, BenchCommand.class, ModelsCommand.class, SimulateCommand.class, ExampleMediaCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logs.configure();
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
        // One mistake, said once, and where to look: not the whole usage text after every slip.
        cli.setParameterExceptionHandler((e, argv) -> {
            CommandLine bad = e.getCommandLine();
            java.io.PrintWriter err = bad.getErr();
            err.println(bad.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + bad.getCommandSpec().qualifiedName() + " --help' for how to use it.");
            err.flush();
            return bad.getCommandSpec().exitCodeOnInvalidInput();
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

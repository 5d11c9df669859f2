package org.fedledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fl} command line: the entry point the {@code ./fl} launcher runs. Each subcommand
 * is a class of its own; failures end in a one-line message and a non-zero exit code
 * ({@link Failures}).
 */
@Command(name = "fl", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "FedLedger: federated learning with no central server (Ethereum + IPFS + DL4J).",
        subcommands = {DemoCommand.class, DevnetCommand.class, DeployCommand.class, TaskCommand.class,
            ParticipantCommand.class, StatusCommand.class, RewardsCommand.class, ClaimCommand.class,
            WithdrawCommand.class, LeaveCommand.class, ReportCommand.class, DashboardCommand.class, CheckCommand.class,
            BenchCommand.class, TestCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Start with: ./fl demo   (everything on this machine, in one command)",
            "Run `fl COMMAND --help` for a command's options."})
public final class Fl implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of failures (also FL_VERBOSE=1).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (see ./fl --help)");
    }

    /** Builds the configured command line; tests execute it in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Fl());
        withHelp(commandLine);
        return Failures.install(commandLine);
    }

    /** Gives every command {@code --help} (and {@code --version}), as the footer promises. */
    private static void withHelp(CommandLine commandLine) {
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                withHelp(sub);
            }
        }
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(code);
    }
}

package io.mintp2p.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code p2p-node.jar} command line. */
@Command(name = "mintp2p", mixinStandardHelpOptions = true, version = "mintp2p 0.1.0",
        description = "A mintp2p node: run one, watch a demo network, or talk to a running node.",
        subcommands = {DemoCommand.class, RunCommand.class, AdminCommands.Peers.class, AdminCommands.Connect.class,
                AdminCommands.Disconnect.class, AdminCommands.Ban.class, AdminCommands.Unpin.class,
                AdminCommands.Broadcast.class})
public final class Main implements Runnable {
    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code (2 for any invalid option). Blocks for as long as the command
     * runs ({@code run} until the node is stopped).
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cli = commandLine(args);
        return cli.execute(args);
    }

    static CommandLine commandLine(String... args) {
        Properties file = new Properties();
        int config = Arrays.asList(args).indexOf("--config");
        CommandLine cli = new CommandLine(new Main());
        if (config >= 0 && config + 1 < args.length) {
            try {
                file = EnvAndFileDefaults.load(Path.of(args[config + 1]));
            } catch (CommandLine.ParameterException e) {
                cli.setExecutionStrategy(parsed -> {
                    System.err.println("error: " + e.getMessage());
                    return 2;
                });
                return cli;
            }
        }
        cli.setDefaultValueProvider(new EnvAndFileDefaults(System.getenv(), file));
        cli.setParameterExceptionHandler((ex, a) -> {
            // One line naming the option; the usage is one --help away.
            System.err.println("error: " + ex.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, parsed, result) -> {
            if (ex instanceof CommandLine.ParameterException pe) {
                System.err.println("error: " + pe.getMessage());
                return 2;
            }
            System.err.println("error: " + ex.getMessage());
            return 1;
        });
        return cli;
    }

    static void setLogLevel(String level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

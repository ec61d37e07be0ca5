package dev.coffer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree. Each subcommand is its own class; add it to {@code subcommands} below.
 * Usage errors print one line and exit 2; failures print one line and exit 1.
 */
@Command(name = "coffer", mixinStandardHelpOptions = true,
        description = "Coffer: sync external secrets and unseal SealedSecrets.",
        subcommands = {AgentCommand.class, EmbeddedCommand.class, RenderCommand.class, RunCommand.class, ScanCommand.class, SealCommand.class})
public final class Commands implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command tree reading kubeseal's {@code SEALED_SECRETS_*} variables from {@code environment}. */
    static CommandLine commandLine(java.util.Map<String, String> environment) {
        CommandLine cl = new CommandLine(new Commands());
        cl.getSubcommands().get("seal").setDefaultValueProvider(new SealedSecretsEnvironment(environment));
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("coffer: " + ex.getMessage()
                    + " (see 'coffer " + commandPath(ex.getCommandLine()) + "--help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("coffer: " + UserMessages.of(ex));
            return 1;
        });
        return cl;
    }

    private static String commandPath(CommandLine cl) {
        String qualified = cl.getCommandSpec().qualifiedName(" ");
        String path = qualified.startsWith("coffer") ? qualified.substring("coffer".length()).trim() : qualified;
        return path.isEmpty() ? "" : path + " ";
    }
}

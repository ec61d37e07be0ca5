package dev.coffer.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.Map;

/**
 * kubeseal's environment: every flag can be given as {@code SEALED_SECRETS_<FLAG>}, the flag's
 * long name upper-cased with dashes as underscores ({@code --controller-namespace} →
 * {@code SEALED_SECRETS_CONTROLLER_NAMESPACE}). A flag on the command line wins over its variable.
 */
final class SealedSecretsEnvironment implements IDefaultValueProvider {

    static final String PREFIX = "SEALED_SECRETS_";

    private final Map<String, String> environment;

    SealedSecretsEnvironment(Map<String, String> environment) {
        this.environment = environment;
    }

    static String variableOf(String optionName) {
        return PREFIX + optionName.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                String value = environment.get(variableOf(name));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}

package dev.coffer.cli;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Prints the Secrets the operator would write for the ExternalSecrets in the given files,
 * through the same fetch and shape code the reconciler runs. Providers are called for real, as
 * the stores configure them; the files stand in for the cluster.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the Secret(s) Coffer would write for the ExternalSecrets in the given files.")
public final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, description = "Manifest files or folders (YAML or JSON, multi-document).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace for objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!output.equals("yaml") && !output.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be yaml or json, not " + output);
        }
        SecretRenderer renderer = new SecretRenderer();
        List<Secret> rendered = renderer.render(files, namespace);
        KubernetesSerialization serialization = renderer.serialization();
        spec.commandLine().getOut().print(print(serialization, rendered));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String print(KubernetesSerialization serialization, List<Secret> secrets) {
        if (output.equals("json")) {
            return serialization.asJson(secrets.size() == 1 ? secrets.get(0) : secrets) + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        for (Secret s : secrets) {
            out.append(serialization.asYaml(s));
        }
        return out.toString();
    }
}

package dev.coffer.cli;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * #19 defect 10: kubeseal's flags and environment. Upstream's TestRaw
 * (pkg/kubeseal/kubeseal_test.go) and TestRawSealErrors (cmd/kubeseal/main_test.go) as data.
 */
class SealFlagsTest {

    @TempDir
    Path dir;

    static SealCommand parsed(Map<String, String> env, String... args) {
        CommandLine cl = Commands.commandLine(env);
        List<String> all = new ArrayList<>(List.of("seal"));
        all.addAll(List.of(args));
        cl.parseArgs(all.toArray(String[]::new));
        return cl.getSubcommands().get("seal").getCommand();
    }

    static List<OptionSpec> sealOptions() {
        return Commands.commandLine().getSubcommands().get("seal").getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    @Test
    void everyFlagCanBeSetByItsSealedSecretsVariable() {
        for (OptionSpec option : sealOptions()) {
            String variable = SealedSecretsEnvironment.variableOf(option.longestName());
            boolean bool = option.type() == boolean.class;
            boolean list = List.class.isAssignableFrom(option.type());
            SealCommand command = parsed(Map.of(variable, bool ? "true" : list ? "a,b" : "v1"));
            OptionSpec set = command.spec.findOption(option.longestName());
            Object expected = bool ? Boolean.TRUE : list ? (option.splitRegex().isEmpty() ? List.of("a,b") : List.of("a", "b"))
                    : option.type() == Path.class ? Path.of("v1") : "v1";
            assertThat((Object) set.getValue()).as(variable).isEqualTo(expected);
        }
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        SealCommand command = parsed(Map.of("SEALED_SECRETS_CONTROLLER_NAMESPACE", "from-env",
                "SEALED_SECRETS_FORMAT", "yaml"), "--controller-namespace", "from-flag");
        assertThat(command.controllerNamespace).isEqualTo("from-flag");
        assertThat(command.format).isEqualTo("yaml");
        assertThat(parsed(Map.of()).controllerNamespace).isEqualTo("kube-system");
        assertThat(parsed(Map.of()).controllerName).isEqualTo("sealed-secrets-controller");
    }

    @Test
    void rotateIsTheDeprecatedNameOfReEncrypt() {
        assertThat(parsed(Map.of(), "--rotate").reEncrypt).isTrue();
        assertThat(parsed(Map.of("SEALED_SECRETS_ROTATE", "true")).reEncrypt).isTrue();
        assertThat(parsed(Map.of(), "--secret-file", "in", "--sealed-secret-file", "out").outputFile).isEqualTo(Path.of("out"));
    }

    @Test
    void kubectlOverridesShapeTheClientConfig() throws Exception {
        SealCli cli = new SealCli(dir);
        String kubeconfig = cli.kubeconfig("team-a");
        Config config = parsed(Map.of(), "--kubeconfig", kubeconfig, "--server", "https://127.0.0.1:6443", "--token", "tok",
                "--as", "jane", "--as-group", "g1", "--as-group", "g2", "--insecure-skip-tls-verify",
                "--request-timeout", "1m30s", "-n", "flagns").kube.clientConfig();
        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
        assertThat(config.getOauthToken()).isEqualTo("tok");
        assertThat(config.getImpersonateUsername()).isEqualTo("jane");
        assertThat(config.getImpersonateGroups()).containsExactly("g1", "g2");
        assertThat(config.isTrustCerts()).isTrue();
        assertThat(config.getRequestTimeout()).isEqualTo(90_000);
        assertThat(config.getNamespace()).isEqualTo("flagns");

        Config fromContext = parsed(Map.of("SEALED_SECRETS_KUBECONFIG", kubeconfig, "SEALED_SECRETS_CONTEXT", "other"))
                .kube.clientConfig();
        assertThat(fromContext.getMasterUrl()).startsWith("http://127.0.0.1:1");
        assertThat(fromContext.getNamespace()).isEqualTo("from-other-context");
        assertThatThrownBy(() -> parsed(Map.of(), "--kubeconfig", kubeconfig, "--cluster", "nope", "--context", "missing")
                .kube.clientConfig()).isInstanceOf(SealingException.class).hasMessageContaining("context missing not found");
    }

    @Test
    void rawTakesOneFromFileWithAnOptionalKeyOrStdin() throws Exception {
        SealCli cli = new SealCli(dir);
        Path value = cli.write("value", "supersecret");
        String cert = cli.cert(TestKeys.key(0));
        SealCli.Run keyed = cli.run("", "--raw", "--cert", cert, "-n", "myns", "--name", "mysecret", "--from-file", "foo=" + value);
        assertThat(opens(keyed.out(), Scope.STRICT, "myns", "mysecret")).isEqualTo("supersecret");
        SealCli.Run piped = cli.run("from-stdin", "--raw", "--cert", cert, "-n", "myns", "--name", "mysecret");
        assertThat(opens(piped.out(), Scope.STRICT, "myns", "mysecret")).isEqualTo("from-stdin");

        SealCli.Run two = cli.run("", "--raw", "--cert", cert, "-n", "myns", "--name", "x", "--from-file", "a=" + value,
                "--from-file", "b=" + value);
        assertThat(two.errorLine()).contains("must provide only one --from-file when encrypting a single item with --raw");
        SealCli.Run notRaw = cli.run("", "--cert", cert, "--from-file", value.toString());
        assertThat(notRaw.errorLine()).contains("--from-file requires --raw");
    }

    /** TestRawSealErrors: namespace, name, scope; the error. An empty namespace stands for none at all. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''   | ''       | strict         | must provide the --namespace flag with --raw and --scope strict",
        "myns | ''       | strict         | must provide the --name flag with --raw and --scope strict",
        "''   | mysecret | namespace-wide | must provide the --namespace flag with --raw and --scope namespace-wide",
    })
    void rawSealErrors(String ns, String name, String scope, String error) throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run run = cli.run("", "--raw", "--cert", cli.cert(TestKeys.key(0)), "--from-file", cli.write("v", "x").toString(),
                "--namespace", ns, "--name", name, "--scope", scope);
        assertThat(run.code()).isNotZero();
        assertThat(run.errorLine()).contains(error);
    }

    /** TestRaw: a value sealed for (scope, ns, name) inside a SealedSecret myns/mysecret of that scope. */
    @ParameterizedTest(name = "[{index}] {0} {1}/{2} opens={3}")
    @CsvSource(delimiter = '|', value = {
        "strict         | myns        | mysecret | true",
        "strict         | youGiveRest | mysecret | false",
        "strict         | myns        | aBadName | false",
        "namespace-wide | myns        | mysecret | true",
        "namespace-wide | youGiveRest | ''       | false",
        "namespace-wide | youGiveRest | aBadName | false",
        "namespace-wide | myns        | ''       | true",
        "namespace-wide | myns        | aBadName | true",
        "cluster-wide   | myns        | mysecret | true",
        "cluster-wide   | youGiveRest | mysecret | true",
        "cluster-wide   | myns        | ''       | true",
        "cluster-wide   | myns        | aBadName | true",
        "cluster-wide   | ''          | ''       | true",
        "cluster-wide   | ''          | aBadName | true",
    })
    void rawTable(String scope, String ns, String name, boolean opens) throws Exception {
        SealCli cli = new SealCli(dir);
        List<String> args = new ArrayList<>(List.of("--raw", "--cert", cli.cert(TestKeys.key(0)), "--scope", scope,
                "--secret-file", "/dev/null", "--from-file", cli.write("v", "supersecret").toString(), "--name", name));
        if (!ns.isEmpty()) {
            args.addAll(List.of("--namespace", ns));
        }
        SealCli.Run run = cli.run("", args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        if (opens) {
            assertThat(opens(run.out(), Scope.fromFlag(scope), "myns", "mysecret")).isEqualTo("supersecret");
        } else {
            assertThatThrownBy(() -> opens(run.out(), Scope.fromFlag(scope), "myns", "mysecret"))
                    .hasMessageContaining("no key could decrypt");
        }
    }

    @Test
    void theReadmeSealSectionListsEveryFlagAndTheEnvironment() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### `seal`"));
        section = section.substring(0, section.indexOf("\n## "));
        for (OptionSpec option : sealOptions()) {
            assertThat(section).as(option.longestName()).contains(option.longestName());
        }
        assertThat(section).contains("SEALED_SECRETS_");
    }

    static String opens(String sealedValue, Scope scope, String ns, String name) throws SealingException {
        SealedSecret holder = new SealedSecret();
        holder.getMetadata().setNamespace(ns);
        holder.getMetadata().setName(name);
        if (scope.annotation() != null) {
            holder.getMetadata().setAnnotations(Map.of(scope.annotation(), "true"));
        }
        holder.getSpec().getEncryptedData().put("foo", sealedValue);
        return new String(SealedSecretUnsealer.unseal(holder, List.of(TestKeys.key(0))).values().get("foo"), StandardCharsets.UTF_8);
    }
}

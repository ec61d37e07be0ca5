package dev.coffer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.VaultAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultKubernetesAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.inject.InjectionSpec;
import dev.coffer.inject.agent.OperatorAgent;
import dev.coffer.inject.agent.RenderingAgent;
import dev.coffer.inject.agent.SecretCache;
import dev.coffer.inject.agent.SecretFiles;
import dev.coffer.inject.agent.SecretsAgent;
import dev.coffer.inject.agent.VaultAgentTls;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.vault.VaultLogical;
import dev.coffer.provider.vault.VaultProviderImpl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The agent the injection webhook adds to pods: {@code --init} logs in to Vault with the pod's
 * service-account token (kubernetes auth), renders the files and exits; {@code --sidecar} renders
 * them, then keeps the token and leases renewed and re-renders a file when its secrets change.
 * For {@code coffer.dev/inject} pods ({@code COFFER_INJECT_URL} set) it asks the operator's
 * render endpoint instead, every poll interval in the sidecar.
 * What to render comes from {@code COFFER_AGENT_CONFIG} (the webhook writes it). Output names
 * files, never their content.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Render secrets from Vault or the operator into files (the injected init container or sidecar).")
public final class AgentCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--init", required = true, description = "Render once and exit.")
        boolean init;

        @Option(names = "--sidecar", required = true, description = "Render, then renew and re-render until stopped.")
        boolean sidecar;
    }

    @Option(names = "--config", defaultValue = "${env:COFFER_AGENT_CONFIG}",
            description = "The injection spec as JSON (default: $COFFER_AGENT_CONFIG).")
    String config;

    @Option(names = "--vault-addr", defaultValue = "${env:VAULT_ADDR}", description = "Vault's address (default: $VAULT_ADDR).")
    String vaultAddress;

    @Option(names = "--operator-url", defaultValue = "${env:COFFER_INJECT_URL}",
            description = "The operator's render endpoint, for coffer.dev/inject pods (default: $COFFER_INJECT_URL); without it, Vault.")
    String operatorUrl;

    @Option(names = "--operator-ca", defaultValue = "${env:COFFER_INJECT_CA}",
            description = "PEM of the CA the operator's certificate is signed by (default: $COFFER_INJECT_CA).")
    String operatorCa;

    @Option(names = "--operator-token-file", defaultValue = "/var/run/secrets/coffer.dev/serviceaccount/token",
            description = "The pod's projected token for the operator (default: ${DEFAULT-VALUE}).")
    Path operatorTokenFile;

    @Option(names = "--token-file", defaultValue = "/var/run/secrets/kubernetes.io/serviceaccount/token",
            description = "The pod's service-account token (default: ${DEFAULT-VALUE}).")
    Path tokenFile;

    @Option(names = "--poll-interval", defaultValue = "5m",
            description = "Secrets without a lease (KV) are read again this often (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @Option(names = "--tick", defaultValue = "5s", description = "How often the sidecar checks for due renewals (default: ${DEFAULT-VALUE}).")
    String tick;

    @Override
    public Integer call() throws Exception {
        if (config == null || config.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no injection spec: set --config or COFFER_AGENT_CONFIG");
        }
        Clock clock = Clock.systemUTC();
        Duration poll = duration(pollInterval, "--poll-interval");
        RenderingAgent agent;
        boolean prePopulateOnly;
        if (operatorUrl != null && !operatorUrl.isBlank()) {
            OperatorConfig operator = parse(config, OperatorConfig.class);
            prePopulateOnly = operator.prePopulateOnly();
            try {
                agent = new OperatorAgent(java.net.URI.create(operatorUrl.trim()), operatorCa, operatorTokenFile,
                        new SecretFiles(Path.of(operator.volumePath())), clock, poll);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "COFFER_INJECT_URL is not a URL");
            } catch (SecretsAgent.AgentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        } else {
            if (vaultAddress == null || vaultAddress.isBlank()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no Vault address: set --vault-addr or VAULT_ADDR");
            }
            InjectionSpec injection = parse(config, InjectionSpec.class);
            prePopulateOnly = injection.prePopulateOnly();
            VaultLogical vault;
            try {
                vault = vault(injection, vaultAddress.trim(), tokenFile, clock, VaultAgentTls.context(injection.tls()));
            } catch (SecretsAgent.AgentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            agent = new SecretsAgent(injection, new SecretCache(vault, clock, poll), new SecretFiles(Path.of(injection.volumePath())));
        }
        var err = spec.commandLine().getErr();
        report(err, agent.renderAll());
        if (mode.init || prePopulateOnly) {
            return 0;
        }
        Duration every = duration(tick, "--tick");
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(every.toMillis());
            try {
                report(err, agent.tick());
            } catch (SecretsAgent.AgentException e) {
                // the files stay as they were; the next tick tries again
                err.println("coffer agent: " + e.getMessage());
                err.flush();
            }
        }
        return 0;
    }

    private static void report(java.io.PrintWriter err, List<String> written) {
        written.forEach(f -> err.println("coffer agent: rendered " + f));
        err.flush();
    }

    /** The agent configuration of a {@code coffer.dev/inject} pod (its files come from the operator). */
    record OperatorConfig(String volumePath, boolean prePopulateOnly) {
    }

    private <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "COFFER_AGENT_CONFIG is not an injection spec");
        }
    }

    /** The Vault provider's client for kubernetes auth with the pod's own token, as a SecretStore would configure it. */
    static VaultLogical vault(InjectionSpec injection, String address, Path tokenFile, Clock clock,
                              javax.net.ssl.SSLContext tls) {
        VaultKubernetesAuth k8s = new VaultKubernetesAuth();
        k8s.role = injection.role();
        k8s.mountPath = injection.authPath().replaceFirst("^auth/", "");
        VaultProvider v = new VaultProvider();
        v.server = address;
        v.namespace = injection.vaultNamespace();
        v.auth = new VaultAuth();
        v.auth.kubernetes = k8s;
        SecretStoreSpec store = new SecretStoreSpec();
        store.provider = new SecretStoreProvider();
        store.provider.vault = v;
        StoreContext context = new StoreContext(new StoreIdentity("Agent", null, "agent"), 0, store, null, null);
        return (VaultLogical) new VaultProviderImpl(clock, tokenFile, tls).newClient(context);
    }

    private Duration duration(String text, String option) {
        try {
            return dev.coffer.gocompat.GoDuration.parse(text);
        } catch (RuntimeException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " is not a duration such as 30s or 5m");
        }
    }
}

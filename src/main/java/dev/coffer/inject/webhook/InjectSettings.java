package dev.coffer.inject.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code coffer.inject.*}: the Pod injection webhook's settings (the chart's {@code inject.*} values). */
@ConfigMapping(prefix = "coffer.inject")
public interface InjectSettings {

    /** Off by default: no listener, no certificate. */
    @WithDefault("false")
    boolean enabled();

    /** Bad injection annotations: {@code Fail} refuses the pod, {@code Ignore} admits it unmutated with a warning. */
    @WithDefault("Fail")
    String failurePolicy();

    /** The operator's own namespace (never mutated) and that of the certificate Secret. */
    @WithDefault("${POD_NAMESPACE:coffer-system}")
    String namespace();

    @WithDefault("0.0.0.0")
    String host();

    @WithDefault("9443")
    int port();

    /** Coffer's image, which the injected containers run in {@code agent} mode. */
    @WithDefault("ghcr.io/coffer-dev/coffer:latest")
    String agentImage();

    /** The Vault address the agent logs in to, unless the pod's {@code vault.hashicorp.com/service} says otherwise. */
    Optional<String> vaultAddress();

    /**
     * Where the agents of {@code coffer.dev/inject} pods reach the render endpoint; by default
     * {@code https://<service-name>.<namespace>.svc/inject/v1/render} (the Service's port 443).
     */
    Optional<String> renderUrl();

    /** The audience of the projected token those agents present; the render endpoint accepts no other. */
    @WithDefault("coffer-inject")
    String tokenAudience();

    /** The Service in front of the webhook; its DNS names go into the serving certificate. */
    @WithDefault("coffer-webhook")
    String serviceName();

    /** The MutatingWebhookConfiguration whose caBundle the leader keeps current. */
    @WithDefault("coffer-inject")
    String webhookConfiguration();

    Cert cert();

    interface Cert {
        /** false when cert-manager makes the Secret and injects the CA bundle. */
        @WithDefault("true")
        boolean managed();

        @WithDefault("coffer-webhook-cert")
        String secretName();

        @WithDefault("365d")
        Duration validity();

        @WithDefault("3650d")
        Duration caValidity();

        @WithDefault("30d")
        Duration renewBefore();

        @WithDefault("1h")
        Duration checkInterval();

        /** More names (or IP literals) for the serving certificate, e.g. 127.0.0.1 for a webhook called by URL. */
        Optional<List<String>> extraNames();
    }
}

package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvProvider;
import dev.coffer.api.externalsecrets.v1.providers.DopplerProvider;
import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmProvider;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesProvider;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;

/** The provider blocks; a store sets exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretStoreProvider {

    public AwsProvider aws;

    public AzureKvProvider azurekv;

    public DopplerProvider doppler;

    public FakeProvider fake;

    public GcpSmProvider gcpsm;

    public KubernetesProvider kubernetes;

    public VaultProvider vault;

    public WebhookProvider webhook;
}

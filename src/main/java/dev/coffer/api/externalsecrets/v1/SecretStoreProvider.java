package dev.coffer.api.externalsecrets.v1;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvProvider;
import dev.coffer.api.externalsecrets.v1.providers.DopplerProvider;
import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmProvider;
import dev.coffer.api.externalsecrets.v1.providers.KubernetesProvider;
import dev.coffer.api.externalsecrets.v1.providers.UnimplementedProvider;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;

/** The provider blocks, upstream's 43 keys; a store sets exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class SecretStoreProvider {

    public AwsProvider aws;

    public AzureKvProvider azurekv;

    public DopplerProvider doppler;

    public FakeProvider fake;

    public GcpSmProvider gcpsm;

    public KubernetesProvider kubernetes;

    public VaultProvider vault;

    public WebhookProvider webhook;

    // Upstream's other provider blocks: kept (with any content) so that such stores apply, and
    // reported as not supported by Coffer (ProviderRegistry).

    public UnimplementedProvider akeyless;

    public UnimplementedProvider barbican;

    public UnimplementedProvider beyondtrust;

    public UnimplementedProvider beyondtrustworkloadcredentials;

    public UnimplementedProvider bitwardensecretsmanager;

    public UnimplementedProvider chef;

    public UnimplementedProvider cloudrusm;

    public UnimplementedProvider conjur;

    public UnimplementedProvider crd;

    public UnimplementedProvider delinea;

    public UnimplementedProvider dvls;

    public UnimplementedProvider fortanix;

    public UnimplementedProvider github;

    public UnimplementedProvider gitlab;

    public UnimplementedProvider ibm;

    public UnimplementedProvider infisical;

    public UnimplementedProvider keepersecurity;

    public UnimplementedProvider nebiusmysterybox;

    public UnimplementedProvider ngrok;

    public UnimplementedProvider onboardbase;

    public UnimplementedProvider onepassword;

    public UnimplementedProvider onepasswordSDK;

    public UnimplementedProvider openBao;

    public UnimplementedProvider oracle;

    public UnimplementedProvider ovh;

    public UnimplementedProvider passbolt;

    public UnimplementedProvider passworddepot;

    public UnimplementedProvider previder;

    public UnimplementedProvider pulumi;

    public UnimplementedProvider scaleway;

    public UnimplementedProvider secretserver;

    public UnimplementedProvider senhasegura;

    public UnimplementedProvider volcengine;

    public UnimplementedProvider yandexcertificatemanager;

    public UnimplementedProvider yandexlockbox;
}

package dev.coffer.testsupport.gcp;

import com.google.api.gax.retrying.RetrySettings;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmProvider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.gcp.GcpOptions;
import dev.coffer.provider.gcp.GcpProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.vault.VaultTestPki;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * Wires the gcpsm provider to local fakes that speak Google's protocols: a TLS gRPC Secret Manager
 * and an HTTPS token server, both with a throw-away CA that the provider trusts through
 * {@link GcpOptions#CA_FILE}. A service-account key (a fresh RSA key) whose {@code token_uri} is
 * the local token endpoint sits in Secret {@code apps/gcp-key}.
 */
public final class GcpTestStores implements AutoCloseable {

    public static final String NAMESPACE = "apps";
    public static final String PROJECT = "coffer-test";
    public static final String CLIENT_EMAIL = "coffer-reader@coffer-test.iam.gserviceaccount.com";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    public final FakeGoogleTokens tokens;
    public final FakeSecretManager sm;
    public final InMemoryKube kube = new InMemoryKube().numberedTokens();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Map<String, String> settings = new HashMap<>();
    private final Path caFile;
    private final String keyJson;

    public GcpTestStores() {
        VaultTestPki pki = new VaultTestPki("gcp-test-ca");
        VaultTestPki.Issued server = pki.server();
        tokens = new FakeGoogleTokens(pki.serverContext(server));
        sm = new FakeSecretManager(keyManagers(server), tokens.issued());
        KeyPair saKey = rsa();
        tokens.allowServiceAccount(CLIENT_EMAIL, saKey.getPublic());
        keyJson = serviceAccountKey(saKey, tokens.baseUrl() + "/token");
        kube.secret(NAMESPACE, "gcp-key", Map.of("key.json", keyJson));
        try {
            caFile = Files.createTempFile("gcp-test-ca", ".pem");
            Files.writeString(caFile, pki.ca().certPem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put(GcpOptions.ENDPOINT, sm.endpoint());
        settings.put(GcpOptions.CA_FILE, caFile.toString());
        settings.put(GcpOptions.STS_URL, tokens.baseUrl() + "/v1/token");
        settings.put(GcpOptions.IAM_CREDENTIALS_URL, tokens.baseUrl());
        settings.put(GcpOptions.METADATA_HOST, "127.0.0.1:1"); // nothing listens: no metadata server here
    }

    /** The service-account key JSON (for manifests written by a test). */
    public String keyJson() {
        return keyJson;
    }

    public Path caFile() {
        return caFile;
    }

    /** Options for the fakes: sharing as in production, short retries so failure tests stay fast. */
    public GcpOptions options() {
        return GcpOptions.defaults().withSettings(settings::get).withMeters(meters).withRetry(fastRetry());
    }

    public static RetrySettings fastRetry() {
        return GcpOptions.retry(Duration.ofMillis(10), 1.0, Duration.ofMillis(10), Duration.ofSeconds(20), 3);
    }

    /** Points the operator's own provider (which reads system properties) at these fakes. */
    public void useAsSystemProperties() {
        settings.forEach(System::setProperty);
    }

    public void clearSystemProperties() {
        settings.keySet().forEach(System::clearProperty);
    }

    /** A SecretStore apps/gcp manifest for project coffer-test; {@code auth} is the YAML under {@code auth:}, indented 8. */
    public static String storeManifest(String auth) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: gcp, namespace: apps}
                spec:
                  provider:
                    gcpsm:
                      projectID: coffer-test
                      auth:
                """ + auth;
    }

    /** The auth block reading the service-account key of Secret gcp-key, key key.json. */
    public static final String KEY_AUTH = "        secretRef:\n          secretAccessKeySecretRef: {name: gcp-key, key: key.json}\n";

    /** A gcpsm block for the test project, reading with the service-account key of Secret apps/gcp-key. */
    public static GcpSmProvider block() {
        return StoreFixtures.context(storeManifest(KEY_AUTH), new InMemoryKube()).spec().provider.gcpsm;
    }

    /** A SecretStore apps/gcp with this block. */
    public StoreContext store(GcpSmProvider block) {
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.provider = new SecretStoreProvider();
        spec.provider.gcpsm = block;
        return StoreFixtures.secretStore(NAMESPACE, "gcp", spec, kube);
    }

    /** A store from a manifest (SecretStore or ClusterSecretStore serving namespace apps). */
    public StoreContext store(String manifest) {
        return StoreFixtures.context(manifest, kube, NAMESPACE);
    }

    public SecretsClient client(GcpSmProvider block) {
        return new GcpProviderImpl(options()).newClient(store(block));
    }

    public SecretsClient client(StoreContext store) {
        return new GcpProviderImpl(options()).newClient(store);
    }

    @Override
    public void close() {
        sm.close();
        tokens.close();
        try {
            Files.deleteIfExists(caFile);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    static String serviceAccountKey(KeyPair key, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> json = new java.util.LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", PROJECT);
        json.put("private_key_id", "0123456789abcdef");
        json.put("private_key", pem);
        json.put("client_email", CLIENT_EMAIL);
        json.put("client_id", "100000000000000000001");
        json.put("token_uri", tokenUri);
        return YAML.asJson(json);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyManager[] keyManagers(VaultTestPki.Issued server) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", server.keys().getPrivate(), new char[0], new java.security.cert.Certificate[] {server.cert()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            return kmf.getKeyManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsSecretsManager;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static checks of the aws block (no I/O) and registration. */
class AwsProviderValidationTest {

    private final AwsTestStores t = new AwsTestStores();
    private final AwsProviderImpl provider = new AwsProviderImpl(t.options());

    @AfterEach
    void tearDown() {
        t.close();
    }

    private void rejects(Consumer<AwsProvider> change, String message) {
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        change.accept(block);
        StoreContext store = t.store(block);
        assertThatThrownBy(() -> provider.validate(store))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void registeredUnderItsBlockKey() {
        var spec = t.store(AwsTestStores.block(AwsServiceType.ParameterStore)).spec();
        assertThat(ProviderRegistry.standard().forBlock(spec.provider).name()).isEqualTo("aws");
    }

    @Test
    void acceptsAFullBlock() {
        AwsProvider block = AwsTestStores.block(AwsServiceType.ParameterStore);
        block.region = "us-gov-west-1";
        block.role = "arn:aws:iam::1:role/r";
        block.additionalRoles = List.of("arn:aws:iam::1:role/a");
        assertThatCode(() -> provider.validate(t.store(block))).doesNotThrowAnyException();
        assertThat(provider.credentialRefs(t.store(block))).hasSize(2);
    }

    @Test
    void rejectsWhatRetryingCannotFix() {
        rejects(b -> b.service = null, "service is required");
        rejects(b -> b.service = AwsServiceType.CertificateManager, "CertificateManager is not supported");
        rejects(b -> b.region = null, "region is required");
        rejects(b -> b.region = "us-east1", "is not an AWS region");
        rejects(b -> b.role = "my-role", "is not a role ARN");
        rejects(b -> b.auth.secretRef.secretAccessKeySecretRef = null, "secretAccessKeySecretRef needs a Secret name and key");
        rejects(b -> b.customSessionTags = Map.of("esoNamespace", "x"), "reserved key esoNamespace");
        rejects(b -> {
            b.secretsManager = new AwsSecretsManager();
            b.secretsManager.forceDeleteWithoutRecovery = true;
            b.secretsManager.recoveryWindowInDays = 7L;
        }, "cannot both be set");
        rejects(b -> {
            b.secretsManager = new AwsSecretsManager();
            b.secretsManager.recoveryWindowInDays = 3L;
        }, "between 7 and 30");
    }

    @Test
    void anEndpointVariableThatIsNotAUrlIsAConfigError() {
        AwsProviderImpl broken = new AwsProviderImpl(t.options().withEnv(
                Map.of("AWS_SECRETSMANAGER_ENDPOINT", "not a url")::get));
        assertThatThrownBy(() -> broken.newClient(t.store(AwsTestStores.block(AwsServiceType.SecretsManager))))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).contains("AWS_SECRETSMANAGER_ENDPOINT"));
    }
}

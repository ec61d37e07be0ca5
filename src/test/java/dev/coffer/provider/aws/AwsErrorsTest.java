package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderException.Kind;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each failure ends in a typed error with a clear message that never carries a value. */
class AwsErrorsTest {

    /** A value that must never surface in a message. */
    private static final String CANARY = "CANARY-7f3a9-do-not-leak";

    private AwsTestStores t;
    private SecretsClient sm;
    private SecretsClient ssm;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        sm = t.client(AwsTestStores.block(AwsServiceType.SecretsManager));
        ssm = t.client(AwsTestStores.block(AwsServiceType.ParameterStore));
    }

    @AfterEach
    void tearDown() {
        sm.close();
        ssm.close();
        t.close();
        assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(CANARY));
    }

    private ProviderException fails(ThrowingCallable call, Kind kind) {
        ProviderException e = catchThrowableOfType(ProviderException.class, call);
        assertThat(e).as("a ProviderException").isNotNull();
        assertThat(e.kind()).isEqualTo(kind);
        for (Throwable c = e; c != null; c = c.getCause()) {
            messages.add(String.valueOf(c.getMessage()));
        }
        return e;
    }

    @Test
    void accessDeniedNamesTheSecretAndTheCode() {
        t.aws.secretsManager().put("locked", CANARY);
        t.aws.fail("GetSecretValue", -1, 400, "AccessDeniedException",
                "User is not authorized; value was " + CANARY);

        ProviderException e = fails(() -> sm.getSecret(ref("locked")), Kind.ACCESS_DENIED);

        assertThat(e.getMessage()).contains("\"locked\"").contains("AccessDeniedException").contains("denied");
    }

    @Test
    void missingSecretAndParameterAreNotFound() {
        assertThat(fails(() -> sm.getSecret(ref("nope")), Kind.NOT_FOUND).getMessage())
                .contains("secret \"nope\" not found");
        assertThat(fails(() -> ssm.getSecret(ref("/nope")), Kind.NOT_FOUND).getMessage())
                .contains("parameter \"/nope\" not found");
        t.aws.secretsManager().put("v", "x");
        assertThat(fails(() -> sm.getSecret(ref("v", null, "AWSPREVIOUS")), Kind.NOT_FOUND).getMessage())
                .contains("version \"AWSPREVIOUS\"");
    }

    @Test
    void aSecretMarkedForDeletionIsReportedAsSuch() {
        t.aws.secretsManager().put("going", CANARY);
        t.aws.secretsManager().markForDeletion("going");

        ProviderException e = fails(() -> sm.getSecret(ref("going")), Kind.NOT_FOUND);

        assertThat(e.getMessage()).contains("secret \"going\" is marked for deletion");
    }

    @Test
    void aBadRegionIsRejectedByValidationOrNamedWhenUnreachable() {
        AwsProvider typo = AwsTestStores.block(AwsServiceType.SecretsManager);
        typo.region = "eu_west_1";
        ProviderException e = fails(() -> new AwsProviderImpl(t.options()).validate(t.store(typo)), Kind.INVALID_CONFIG);
        assertThat(e.getMessage()).contains("\"eu_west_1\" is not an AWS region");

        // Well-formed but not served: the endpoint host does not resolve (no endpoint override here).
        AwsProvider unknown = AwsTestStores.block(AwsServiceType.SecretsManager);
        unknown.region = "xx-nowhere-9";
        try (SecretsClient c = new AwsProviderImpl(t.options().withEnv(name -> null)).newClient(t.store(unknown))) {
            ProviderException down = fails(() -> c.getSecret(ref("db")), Kind.UNAVAILABLE);
            assertThat(down.getMessage()).contains("region \"xx-nowhere-9\"").contains("spec.provider.aws.region");
        }
    }

    @Test
    void aMissingPropertyNamesPropertyAndKey() {
        t.aws.secretsManager().put("json", "{\"user\":\"" + CANARY + "\"}");

        ProviderException e = fails(() -> sm.getSecret(ref("json", "password", null)), Kind.MISSING_VALUE);

        assertThat(e.getMessage()).contains("\"password\"").contains("\"json\"");
    }

    @Test
    void aVersionWithNeitherStringNorBinaryIsAPlainErrorNotNotFound() {
        t.aws.secretsManager().putEmpty("hollow");

        ProviderException e = fails(() -> sm.getSecret(ref("hollow", null, null)), Kind.MISSING_VALUE);

        assertThat(e.getMessage()).contains("\"hollow\"").contains("neither SecretString nor SecretBinary");
    }

    @Test
    void aPropertyOfANonJsonValueIsAClearError() {
        t.aws.secretsManager().put("plain", "not json " + CANARY);
        t.aws.parameterStore().put("/plain", "{broken " + CANARY);

        assertThat(fails(() -> sm.getSecret(ref("plain", "user", null)), Kind.INVALID_CONFIG).getMessage())
                .contains("\"plain\" is not valid JSON");
        assertThat(fails(() -> ssm.getSecret(ref("/plain", "user", null)), Kind.INVALID_CONFIG).getMessage())
                .contains("\"/plain\" is not valid JSON");
        fails(() -> sm.getSecretMap(ref("plain")), Kind.INVALID_CONFIG);
    }

    @Test
    void serverErrorsAreUnavailableWithoutAwsText() {
        t.aws.secretsManager().put("x", CANARY);
        t.aws.fail("GetSecretValue", -1, 500, "InternalServiceError", "boom " + CANARY);

        ProviderException e = fails(() -> sm.getSecret(ref("x")), Kind.UNAVAILABLE);

        assertThat(e.getMessage()).contains("InternalServiceError").doesNotContain("boom");
    }

    @Test
    void findErrorsAreTypedToo() {
        t.aws.fail("ListSecrets", -1, 400, "AccessDeniedException", CANARY);
        var find = new ExternalSecretFind();
        find.tags = Map.of("a", "b");
        fails(() -> sm.getAllSecrets(find), Kind.ACCESS_DENIED);
        fails(() -> sm.getAllSecrets(new ExternalSecretFind()), Kind.INVALID_CONFIG);
    }
}

package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Throttling: the SDK's adaptive retry absorbs short bursts; a persistent one is a THROTTLED error. */
class AwsThrottlingTest {

    private AwsTestStores t;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        t.aws.secretsManager().put("busy", "v");
        t.aws.parameterStore().put("/busy", "p");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void throttledThenRecoveredWithinTheRetries() {
        t.aws.fail("GetSecretValue", 2, 400, "ThrottlingException", "Rate exceeded");
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            assertThat(new String(c.getSecret(ref("busy")))).isEqualTo("v");
        }
        assertThat(t.aws.count("GetSecretValue")).isEqualTo(3);
        // one API call as far as the metric goes (the SDK's retries are inside it)
        assertThat(t.apiCalls("AWS/SecretsManager", "GetSecretValue", "success")).isEqualTo(1.0);
    }

    @Test
    void persistentThrottlingEndsInAThrottledErrorNamingIt() {
        t.aws.fail("GetParameter", -1, 400, "ThrottlingException", "Rate exceeded");
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.ParameterStore))) {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> c.getSecret(ref("/busy")));
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED);
            assertThat(e.getMessage()).contains("throttled").contains("ThrottlingException").contains("\"/busy\"");
        }
        assertThat(t.aws.count("GetParameter")).isEqualTo(3); // the adaptive strategy's 3 attempts, then give up
        assertThat(t.apiCalls("AWS/ParameterStore", "GetParameter", "error")).isEqualTo(1.0);
    }

    @Test
    void recoversOnTheNextSyncOnceAwsStopsThrottling() {
        t.aws.fail("GetSecretValue", -1, 429, "TooManyRequestsException", "slow down");
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            assertThat(catchThrowableOfType(ProviderException.class, () -> c.getSecret(ref("busy"))).kind())
                    .isEqualTo(ProviderException.Kind.THROTTLED);
            t.aws.clearFaults();
            assertThat(new String(c.getSecret(ref("busy")))).isEqualTo("v");
        }
    }
}

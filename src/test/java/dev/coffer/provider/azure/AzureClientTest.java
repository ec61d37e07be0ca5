package dev.coffer.provider.azure;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.azure.AzureTestStores;
import org.junit.jupiter.api.AfterEach;

/** Provider tests against a fresh local Key Vault (a new port); the client a test builds is closed after it. */
abstract class AzureClientTest {

    protected final AzureTestStores t = new AzureTestStores();
    protected SecretsClient client;

    @AfterEach
    void closeClientAndFake() {
        if (client != null) {
            client.close();
        }
        t.close();
    }
}

package dev.coffer.provider.gcp;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.gcp.GcpTestStores;
import org.junit.jupiter.api.AfterEach;

/** Provider tests against fresh local Google fakes; the client a test builds is closed after it. */
abstract class GcpClientTest {

    protected final GcpTestStores t = new GcpTestStores();
    protected SecretsClient client;

    @AfterEach
    void closeClientAndFakes() {
        if (client != null) {
            client.close();
        }
        t.close();
    }
}

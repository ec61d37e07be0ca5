package dev.coffer.testsupport.gcp;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh {@link GcpTestStores} for each test, set as the system properties the operator's own gcpsm
 * provider reads (for tests through the reconciler or {@code render}), cleared and closed after it.
 */
public final class GcpStoresExtension implements BeforeEachCallback, AfterEachCallback {

    private GcpTestStores stores;

    public GcpTestStores stores() {
        return stores;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stores = new GcpTestStores();
        stores.useAsSystemProperties();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stores.clearSystemProperties();
        stores.close();
    }
}

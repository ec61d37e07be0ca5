package dev.coffer.testsupport.azure;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link AzureTestStores} (a new port) for each test, set as the system properties the
 * operator's own azurekv provider reads (for tests through the reconciler or {@code render}),
 * cleared and closed after it.
 */
public final class AzureStoresExtension implements BeforeEachCallback, AfterEachCallback {

    private AzureTestStores stores;

    public AzureTestStores stores() {
        return stores;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stores = new AzureTestStores();
        stores.useAsSystemProperties();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stores.clearSystemProperties();
        stores.close();
    }
}

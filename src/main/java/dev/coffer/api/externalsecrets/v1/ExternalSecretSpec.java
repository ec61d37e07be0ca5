package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** The desired state of an ExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretSpec {

    public SecretStoreRef secretStoreRef;

    /** Upstream's default; an ExternalSecret without a target owns its Secret and keeps it on remote deletion. */
    @Default("{\"creationPolicy\":\"Owner\",\"deletionPolicy\":\"Retain\"}")
    public ExternalSecretTarget target;

    public RefreshPolicy refreshPolicy;

    /** Go duration; 0 syncs once. */
    @Default("1h0m0s")
    public String refreshInterval;

    public List<ExternalSecretData> data;

    public List<ExternalSecretDataFromRemoteRef> dataFrom;

    public SyncWindows syncWindows;
}

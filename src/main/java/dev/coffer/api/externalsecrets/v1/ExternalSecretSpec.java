package dev.coffer.api.externalsecrets.v1;

import dev.coffer.api.GoDurationRule;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** The desired state of an ExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// As upstream's admission webhook; a template alone may build the Secret.
@ValidationRule(value = "(has(self.data) && size(self.data) > 0) || (has(self.dataFrom) && size(self.dataFrom) > 0)"
        + " || (has(self.target) && has(self.target.template))",
        message = "either data or dataFrom should be specified (or target.template)")
public class ExternalSecretSpec {

    public SecretStoreRef secretStoreRef;

    /** Upstream's default; an ExternalSecret without a target owns its Secret and keeps it on remote deletion. */
    @Default("{\"creationPolicy\":\"Owner\",\"deletionPolicy\":\"Retain\"}")
    public ExternalSecretTarget target;

    public RefreshPolicy refreshPolicy;

    /** Go duration; 0 syncs once. */
    @Default("1h0m0s")
    @ValidationRule(value = GoDurationRule.RULE, message = GoDurationRule.MESSAGE)
    public String refreshInterval;

    public List<ExternalSecretData> data;

    public List<ExternalSecretDataFromRemoteRef> dataFrom;

    public SyncWindows syncWindows;
}

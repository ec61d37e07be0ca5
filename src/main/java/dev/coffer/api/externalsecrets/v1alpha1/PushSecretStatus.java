package dev.coffer.api.externalsecrets.v1alpha1;

import io.fabric8.generator.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.Condition;
import java.util.List;
import java.util.Map;

/** The observed state of a PushSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretStatus {

    /** Time of the last successful push (RFC 3339). */
    @Nullable
    public String refreshTime;

    /** "<generation>-<hash of labels and annotations>" at the last push. */
    public String syncedResourceVersion;

    /** Per store ("Kind/name"), per remote ref ("key" or "key/property"): what was pushed there. */
    public Map<String, Map<String, PushSecretData>> syncedPushSecrets;

    public List<Condition> conditions;
}

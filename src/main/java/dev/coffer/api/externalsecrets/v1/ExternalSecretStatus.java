package dev.coffer.api.externalsecrets.v1;

import io.fabric8.generator.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of an ExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretStatus {

    /** Time of the last successful sync (RFC 3339). */
    @Nullable
    public String refreshTime;

    /** "<generation>-<hash of labels and annotations>" at the last sync. */
    public String syncedResourceVersion;

    public List<Condition> conditions;

    public SecretBinding binding;

    /** Coffer extension: per generator item, the keys it produced and any lease it holds. */
    public List<GeneratorState> generatorState;
}

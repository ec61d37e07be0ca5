package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/**
 * Pushes many Secret keys at once: those matching {@code match.regexp} (all when left out), each
 * renamed by {@code rewrite}, to one store, or with {@code remoteKey} all into one remote secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretDataTo {

    public PushSecretStoreRef storeRef;

    public String remoteKey;

    public PushSecretKeyMatch match;

    public List<PushSecretRewrite> rewrite;

    @PreserveUnknownFields
    public JsonNode metadata;

    @Default("None")
    public PushSecretConversionStrategy conversionStrategy;
}

package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Labels and annotations a cluster-wide resource puts on each namespaced resource it stamps out
 * (ClusterExternalSecret's {@code externalSecretMetadata}, ClusterPushSecret's
 * {@code pushSecretMetadata}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StampedMetadata {

    public Map<String, String> annotations;

    public Map<String, String> labels;
}

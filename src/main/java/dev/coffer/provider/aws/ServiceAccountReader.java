package dev.coffer.provider.aws;

import java.util.Map;
import java.util.Optional;

/**
 * Optional capability of a {@link dev.coffer.provider.KubeAccess}: the annotations of a
 * ServiceAccount. IRSA names the web-identity role in the annotation
 * {@code eks.amazonaws.com/role-arn} (and may set {@code eks.amazonaws.com/audience}). A
 * KubeAccess that cannot read ServiceAccounts makes the store's {@code role} the web-identity role.
 */
public interface ServiceAccountReader {

    /** The annotations of the ServiceAccount, or empty if it does not exist. */
    Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name);
}

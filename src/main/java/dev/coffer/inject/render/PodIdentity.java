package dev.coffer.inject.render;

/**
 * The pod a bound service-account token was issued for, as the API server's TokenReview says.
 *
 * @param namespace      the pod's namespace
 * @param pod            the pod's name
 * @param uid            the pod's UID (a token of a deleted pod does not serve a new one of the same name)
 * @param serviceAccount the service account the token belongs to
 */
public record PodIdentity(String namespace, String pod, String uid, String serviceAccount) {
}

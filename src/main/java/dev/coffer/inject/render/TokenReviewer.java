package dev.coffer.inject.render;

import java.util.Optional;

/** Who presents a token: the pod it was bound to, or empty when it is not a valid bound token for Coffer's audience. */
@FunctionalInterface
public interface TokenReviewer {

    Optional<PodIdentity> review(String token);
}

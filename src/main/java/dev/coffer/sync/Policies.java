package dev.coffer.sync;

import dev.coffer.gocompat.GoDuration;
import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.RefreshPolicy;

import java.time.Duration;

/**
 * The spec's defaults in one place. The CRD declares them too, but the API server only fills
 * them in on write, and objects from files or older servers may lack them.
 */
public final class Policies {

    public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);

    private Policies() {
    }

    public static CreationPolicy creation(ExternalSecretSpec spec) {
        return spec.target == null || spec.target.creationPolicy == null ? CreationPolicy.Owner : spec.target.creationPolicy;
    }

    public static DeletionPolicy deletion(ExternalSecretSpec spec) {
        return spec.target == null || spec.target.deletionPolicy == null ? DeletionPolicy.Retain : spec.target.deletionPolicy;
    }

    public static RefreshPolicy refresh(ExternalSecretSpec spec) {
        return spec.refreshPolicy == null ? RefreshPolicy.Periodic : spec.refreshPolicy;
    }

    public static Duration refreshInterval(ExternalSecretSpec spec) {
        return spec.refreshInterval == null ? DEFAULT_REFRESH : GoDuration.parse(spec.refreshInterval);
    }

    public static String targetName(ExternalSecret es) {
        ExternalSecretSpec spec = es.getSpec();
        return spec.target != null && spec.target.name != null && !spec.target.name.isEmpty()
                ? spec.target.name : es.getMetadata().getName();
    }

    public static boolean immutable(ExternalSecretSpec spec) {
        return spec.target != null && Boolean.TRUE.equals(spec.target.immutable);
    }
}

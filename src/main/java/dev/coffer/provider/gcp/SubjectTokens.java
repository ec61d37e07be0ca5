package dev.coffer.provider.gcp;

import com.google.auth.oauth2.ExternalAccountSupplierContext;
import com.google.auth.oauth2.IdentityPoolSubjectTokenSupplier;
import dev.coffer.provider.KubeAccess;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Kubernetes service-account tokens as STS subject tokens. The auth library may ask more than
 * once for one exchange (it does when it impersonates), so a token is reused for half of its
 * requested life instead of making a TokenRequest each time.
 */
final class SubjectTokens implements IdentityPoolSubjectTokenSupplier {

    /** Lifetime asked for the Kubernetes token. */
    static final long TOKEN_SECONDS = 600;

    private final transient KubeAccess kube;
    private final String namespace;
    private final String name;
    private final List<String> audiences;
    private final transient LongSupplier nanoClock;
    private transient String token;
    private transient long fetchedAt;

    SubjectTokens(KubeAccess kube, String namespace, String name, List<String> audiences, LongSupplier nanoClock) {
        this.kube = kube;
        this.namespace = namespace;
        this.name = name;
        this.audiences = List.copyOf(audiences);
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized String getSubjectToken(ExternalAccountSupplierContext context) {
        long now = nanoClock.getAsLong();
        if (token == null || now - fetchedAt >= TOKEN_SECONDS / 2 * 1_000_000_000L) {
            token = kube.serviceAccountToken(namespace, name, audiences, TOKEN_SECONDS);
            fetchedAt = now;
        }
        return token;
    }
}

package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.security.SecureRandom;
import java.util.List;

/** Re-seals a SealedSecret with another key (the newest): same identity, scope and template. Pure. */
public final class Rotation {

    private static final KubernetesSerialization COPIER = new KubernetesSerialization();

    private Rotation() {
    }

    public static SealedSecret rotate(SealedSecret sealedSecret, List<SealingKey> unsealWith, SealingKey sealWith)
            throws SealingException {
        SealedSecretUnsealer.Unsealed unsealed = SealedSecretUnsealer.unseal(sealedSecret, unsealWith);
        SealedSecret rotated = COPIER.clone(sealedSecret);
        rotated.setStatus(null);
        rotated.getSpec().setData(null);
        rotated.getSpec().setEncryptedData(new SealedSecretSealer(sealWith.publicKey(), new SecureRandom())
                .sealAll(unsealed.values(), SealedSecretUnsealer.scopeOf(sealedSecret),
                        sealedSecret.getMetadata().getNamespace(), sealedSecret.getMetadata().getName()));
        return rotated;
    }
}

package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealingException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/** Builds SealedSecrets for tests the way kubeseal would. */
public final class Fixtures {

    private Fixtures() {
    }

    public static SealedSecret sealed(RSAPublicKey key, String namespace, String name, Scope scope,
                                      Map<String, String> values) {
        SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
        values.forEach((k, v) -> secret.addToData(k, b64(v)));
        try {
            return new SealedSecretSealer(key, new SecureRandom()).seal(secret.build(), scope);
        } catch (SealingException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}

package dev.coffer.provider.azure;

import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.SecretsPusher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PushSecret for azurekv, as upstream: {@code NAME} or {@code secret/NAME} sets a secret (with
 * {@code expirationDate}, {@code contentType} and tags from the metadata), {@code key/NAME} imports
 * a PEM private key as a JWK, {@code cert/NAME} imports a certificate. What it creates carries the
 * {@code managed-by: external-secrets} tag; an object without it is not overwritten (unless
 * updatePolicy Replace) and never deleted. A secret is written only when its value, content type,
 * expiry or a requested tag differs; a key or certificate only when the key or certificate does.
 * Soft-deleted secrets of the same name are not recovered (Key Vault then refuses the write with
 * 409, reported as a configuration error).
 */
final class KeyVaultPusher implements SecretsPusher {

    private final KeyVaultClients vault;

    KeyVaultPusher(KeyVaultClients vault) {
        this.vault = vault;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        VaultObjectName object = VaultObjectName.parse(remote.remoteKey());
        AzurePushMetadata meta = AzurePushMetadata.of(remote.metadata(), remote.remoteKey());
        if (remote.hasProperty() && object.type() != VaultObjectName.Type.SECRET) {
            throw ProviderException.invalidConfig("push to \"" + remote + "\": a property can only be pushed into a secret");
        }
        return switch (object.type()) {
            case SECRET -> pushSecret(object.name(), request, meta);
            case KEY -> pushKey(object.name(), request, meta);
            case CERT -> pushCertificate(object.name(), request, meta);
        };
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        VaultObjectName object = VaultObjectName.parse(remote.remoteKey());
        switch (object.type()) {
            case SECRET -> {
                Optional<KeyVaultSecret> current = absentIfMissing(() -> vault.secret(object.name(), null));
                if (current.isEmpty() || !AzurePushMetadata.isManaged(current.get().getProperties().getTags())) {
                    return false;
                }
                if (remote.hasProperty()) {
                    byte[] value = current.get().getValue().getBytes(StandardCharsets.UTF_8);
                    if (!PushedJson.hasProperty(value, remote.property())) {
                        return false;
                    }
                    Optional<byte[]> rest = PushedJson.withoutProperty(value, remote.property(), remote.remoteKey());
                    if (rest.isPresent()) {
                        KeyVaultSecret next = new KeyVaultSecret(object.name(), new String(rest.get(), StandardCharsets.UTF_8))
                                .setProperties(copy(current.get().getProperties()));
                        vault.call("SetSecret", KeyVaultClients.subject("secret", object.name(), null),
                                () -> vault.secrets.setSecret(next));
                        return true;
                    }
                }
                vault.call("DeleteSecret", KeyVaultClients.subject("secret", object.name(), null),
                        () -> vault.secrets.beginDeleteSecret(object.name()));
                return true;
            }
            case KEY -> {
                Optional<KeyVaultKey> current = absentIfMissing(() -> vault.key(object.name(), null));
                if (current.isEmpty() || !AzurePushMetadata.isManaged(current.get().getProperties().getTags())) {
                    return false;
                }
                vault.call("DeleteKey", KeyVaultClients.subject("key", object.name(), null),
                        () -> vault.keys.beginDeleteKey(object.name()));
                return true;
            }
            default -> {
                Optional<KeyVaultCertificate> current = absentIfMissing(() -> vault.certificate(object.name(), null));
                if (current.isEmpty() || !AzurePushMetadata.isManaged(current.get().getProperties().getTags())) {
                    return false;
                }
                vault.call("DeleteCertificate", KeyVaultClients.subject("certificate", object.name(), null),
                        () -> vault.certificates.beginDeleteCertificate(object.name()));
                return true;
            }
        }
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        VaultObjectName object = VaultObjectName.parse(remote.remoteKey());
        return switch (object.type()) {
            case SECRET -> absentIfMissing(() -> vault.secret(object.name(), null))
                    .map(s -> !remote.hasProperty() || (s.getValue() != null
                            && PushedJson.hasProperty(s.getValue().getBytes(StandardCharsets.UTF_8), remote.property())))
                    .orElse(false);
            case KEY -> absentIfMissing(() -> vault.key(object.name(), null)).isPresent();
            case CERT -> absentIfMissing(() -> vault.certificate(object.name(), null)).isPresent();
        };
    }

    private PushOutcome pushSecret(String name, PushRequest request, AzurePushMetadata meta) {
        Optional<KeyVaultSecret> current = absentIfMissing(() -> vault.secret(name, null));
        boolean marked = current.map(c -> owned(c.getProperties().getTags(), request)).orElse(true);
        byte[] value = request.value();
        if (request.remote().hasProperty()) {
            byte[] existing = current.map(c -> c.getValue() == null ? null : c.getValue().getBytes(StandardCharsets.UTF_8)).orElse(null);
            value = PushedJson.withProperty(existing, request.remote().property(), value, request.remote().remoteKey());
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (current.isPresent()) {
            SecretProperties p = current.get().getProperties();
            boolean same = text.equals(current.get().getValue())
                    && (meta.contentType() == null || meta.contentType().equals(p.getContentType()))
                    && (meta.expires() == null || sameInstant(meta, p.getExpiresOn()))
                    && meta.tagsPresentIn(p.getTags());
            if (same) {
                return PushOutcome.UNCHANGED;
            }
        }
        SecretProperties properties = new SecretProperties().setTags(meta.tagsToWrite(marked))
                .setContentType(meta.contentType()).setExpiresOn(meta.expires());
        KeyVaultSecret secret = new KeyVaultSecret(name, text).setProperties(properties);
        vault.call("SetSecret", KeyVaultClients.subject("secret", name, null), () -> vault.secrets.setSecret(secret));
        return current.isPresent() ? PushOutcome.UPDATED : PushOutcome.CREATED;
    }

    private PushOutcome pushKey(String name, PushRequest request, AzurePushMetadata meta) {
        JsonWebKey jwk = PushedMaterial.jwk(request.value(), request.remote().remoteKey());
        Optional<KeyVaultKey> current = absentIfMissing(() -> vault.key(name, null));
        boolean marked = current.map(c -> owned(c.getProperties().getTags(), request)).orElse(true);
        if (current.isPresent() && PushedMaterial.sameKey(jwk, current.get().getKey())
                && meta.tagsPresentIn(current.get().getProperties().getTags())) {
            return PushOutcome.UNCHANGED;
        }
        ImportKeyOptions options = new ImportKeyOptions(name, jwk);
        options.setTags(meta.tagsToWrite(marked));
        vault.call("ImportKey", KeyVaultClients.subject("key", name, null), () -> vault.keys.importKey(options));
        return current.isPresent() ? PushOutcome.UPDATED : PushOutcome.CREATED;
    }

    private PushOutcome pushCertificate(String name, PushRequest request, AzurePushMetadata meta) {
        byte[] der = PushedMaterial.certificateDer(request.value(), request.remote().remoteKey());
        Optional<KeyVaultCertificate> current = absentIfMissing(() -> vault.certificate(name, null));
        boolean marked = current.map(c -> owned(c.getProperties().getTags(), request)).orElse(true);
        if (current.isPresent() && MessageDigest.isEqual(sha256(der), sha256(current.get().getCer()))
                && meta.tagsPresentIn(current.get().getProperties().getTags())) {
            return PushOutcome.UNCHANGED;
        }
        ImportCertificateOptions options = new ImportCertificateOptions(name, request.value()).setTags(meta.tagsToWrite(marked));
        if (PushedMaterial.isPem(request.value())) {
            options.setPolicy(CertificatePolicy.getDefault().setContentType(CertificateContentType.PEM));
        }
        vault.call("ImportCertificate", KeyVaultClients.subject("certificate", name, null),
                () -> vault.certificates.importCertificate(options));
        return current.isPresent() ? PushOutcome.UPDATED : PushOutcome.CREATED;
    }

    /** Whether the push may write over an existing object, and whether it keeps (or gets) the marker. */
    private static boolean owned(Map<String, String> tags, PushRequest request) {
        if (AzurePushMetadata.isManaged(tags)) {
            return true;
        }
        if (!request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig("secret \"" + request.remote().remoteKey()
                    + "\" exists and is not managed by external-secrets");
        }
        return false; // overwritten under updatePolicy Replace, but stays unmarked
    }

    private static <T> Optional<T> absentIfMissing(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static SecretProperties copy(SecretProperties p) {
        return new SecretProperties().setTags(p.getTags()).setContentType(p.getContentType()).setExpiresOn(p.getExpiresOn());
    }

    private static boolean sameInstant(AzurePushMetadata meta, java.time.OffsetDateTime remote) {
        return remote != null && Objects.equals(meta.expires().toEpochSecond(), remote.toEpochSecond());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.coffer.generator.ssh;

import dev.coffer.api.generators.v1alpha1.SSHKeySpec;
import dev.coffer.api.generators.v1alpha1.SSHKeyType;
import dev.coffer.generator.Generated;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSHKey generator: a fresh key pair at each generation, as {@code privateKey} (unencrypted
 * OpenSSH private key file) and {@code publicKey} (authorized_keys line), both carrying the comment.
 */
public final class SshKeyGenerator implements Generator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String kind() {
        return "SSHKey";
    }

    @Override
    public Generated generate(ResolvedGenerator generator, GeneratorContext context) {
        SSHKeySpec spec = generator.spec() == null ? new SSHKeySpec() : generator.spec(SSHKeySpec.class);
        SSHKeyType type = spec.keyType == null ? SSHKeyType.rsa : spec.keyType;
        SshKeyMaterial key = SshKeyPairs.generate(type, spec.keySize, random, generator.describe(context.namespace()));
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("privateKey", OpenSshKeys.privateKey(key, spec.comment, random).getBytes(StandardCharsets.UTF_8));
        out.put("publicKey", OpenSshKeys.authorizedKey(key, spec.comment).getBytes(StandardCharsets.UTF_8));
        return Generated.of(out);
    }
}

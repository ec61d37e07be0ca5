package dev.coffer.generator;

import dev.coffer.generator.aws.EcrAuthorizationTokenGenerator;
import dev.coffer.generator.aws.StsSessionTokenGenerator;
import dev.coffer.generator.ssh.SshKeyGenerator;
import dev.coffer.generator.vault.VaultDynamicSecretGenerator;
import dev.coffer.generator.webhook.WebhookGenerator;
import dev.coffer.provider.ProviderException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks the generator for a kind. Plain Java, so the operator and the commands share it. */
public final class GeneratorRegistry {

    private final Map<String, Generator> generators = new LinkedHashMap<>();

    public GeneratorRegistry(List<Generator> generators) {
        generators.forEach(g -> this.generators.put(g.kind(), g));
    }

    /** Every generator Coffer ships. Add a new generator here. */
    public static GeneratorRegistry standard() {
        return new GeneratorRegistry(List.of(new PasswordGenerator(), new UuidGenerator(), new VaultDynamicSecretGenerator(),
                new FakeGenerator(), new SshKeyGenerator(), new WebhookGenerator(), new StsSessionTokenGenerator(),
                new EcrAuthorizationTokenGenerator()));
    }

    public Generator forKind(String kind) {
        Generator g = generators.get(kind);
        if (g == null) {
            throw ProviderException.invalidConfig("generator kind \"" + kind + "\" is not supported by Coffer yet");
        }
        return g;
    }

    public boolean supports(String kind) {
        return generators.containsKey(kind);
    }
}

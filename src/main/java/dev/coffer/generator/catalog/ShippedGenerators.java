package dev.coffer.generator.catalog;

import dev.coffer.generator.FakeGenerator;
import dev.coffer.generator.GeneratorRegistry;
import dev.coffer.generator.PasswordGenerator;
import dev.coffer.generator.UuidGenerator;
import dev.coffer.generator.aws.EcrAuthorizationTokenGenerator;
import dev.coffer.generator.aws.StsSessionTokenGenerator;
import dev.coffer.generator.ssh.SshKeyGenerator;
import dev.coffer.generator.vault.VaultDynamicSecretGenerator;
import dev.coffer.generator.webhook.WebhookGenerator;

import java.util.List;

/**
 * Every generator Coffer ships, in one registry. It lives apart from {@code generator} so that
 * the generic package never imports the kinds built on it. Add a new generator here.
 */
public final class ShippedGenerators {

    private ShippedGenerators() {
    }

    public static GeneratorRegistry registry() {
        return new GeneratorRegistry(List.of(new PasswordGenerator(), new UuidGenerator(), new VaultDynamicSecretGenerator(),
                new FakeGenerator(), new SshKeyGenerator(), new WebhookGenerator(), new StsSessionTokenGenerator(),
                new EcrAuthorizationTokenGenerator()));
    }
}

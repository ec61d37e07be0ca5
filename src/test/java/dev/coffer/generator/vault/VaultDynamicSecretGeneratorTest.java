package dev.coffer.generator.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.externalsecrets.v1.GeneratorKind;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.externalsecrets.v1.RetrySettings;
import dev.coffer.api.externalsecrets.v1.providers.VaultAppRole;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecretResultType;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecretSpec;
import dev.coffer.generator.Generated;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorRegistry;
import dev.coffer.generator.GeneratorResolver;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.generator.Lease;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.store.ClientCache;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VaultDynamicSecret generator against the local Vault API: credentials, leases, one login, errors, restarts. */
class VaultDynamicSecretGeneratorTest {

    private final MutableClock clock = new MutableClock();
    private final VaultTestServer vault = VaultTestServer.start(clock).databaseLeases(3600, 7200, true)
            .accept("approle", "rid-1:sid-1");
    private final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "approle", Map.of("secret-id", "sid-1"));
    private final ClientCache cache = new ClientCache();
    private final VaultDynamicSecretSpec spec = new VaultDynamicSecretSpec();

    VaultDynamicSecretGeneratorTest() {
        spec.path = "database/creds/app";
        spec.provider = VaultStores.kv2(vault.url());
        spec.provider.auth.appRole = new VaultAppRole();
        spec.provider.auth.appRole.path = "approle";
        spec.provider.auth.appRole.roleId = "rid-1";
        spec.provider.auth.appRole.secretRef = ref("approle", "secret-id");
    }

    @AfterEach
    void stop() {
        cache.close();
        vault.close();
    }

    private VaultDynamicSecretGenerator generator() {
        return new VaultDynamicSecretGenerator(new VaultProviderImpl(clock, Path.of("/nonexistent")));
    }

    private GeneratorContext ctx(ClientCache clients) {
        return new GeneratorContext(VaultStores.NAMESPACE, kube, clients);
    }

    private ResolvedGenerator resolved() {
        return new ResolvedGenerator("VaultDynamicSecret", "db", false, 1, spec, "f");
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void generatesDatabaseCredentialsWithTheirLease() {
        Generated out = generator().generate(resolved(), ctx(cache));
        assertThat(out.values()).containsOnlyKeys("username", "password");
        assertThat(text(out.values().get("username"))).isEqualTo("v-app-1");
        assertThat(out.lease()).hasValueSatisfying(l -> {
            assertThat(l.id()).startsWith("database/creds/app/");
            assertThat(l.ttlSeconds()).isEqualTo(3600);
            assertThat(l.renewable()).isTrue();
        });
        assertThat(vault.credsIssued()).isEqualTo(1);
    }

    @Test
    void renewsAndRevokesThroughSysLeasesWithOneLogin() {
        VaultDynamicSecretGenerator g = generator();
        Lease lease = g.generate(resolved(), ctx(cache)).lease().orElseThrow();
        clock.advance(Duration.ofMinutes(40));
        assertThat(g.renew(resolved(), ctx(cache), lease.id(), 3600)).hasValueSatisfying(l -> assertThat(l.ttlSeconds()).isEqualTo(3600));
        clock.advance(Duration.ofMinutes(50));
        assertThat(g.renew(resolved(), ctx(cache), lease.id(), 3600)).as("capped by the max TTL")
                .hasValueSatisfying(l -> assertThat(l.ttlSeconds()).isEqualTo(7200 - 5400));
        g.revoke(resolved(), ctx(cache), lease.id());
        assertThat(vault.leaseRenewals()).isEqualTo(2);
        assertThat(vault.leaseRevocations()).isEqualTo(1);
        assertThat(vault.liveLeases()).isZero();
        assertThat(vault.logins()).as("the token is kept across calls").isEqualTo(1);
        assertThat(g.renew(resolved(), ctx(cache), lease.id(), 3600)).as("a revoked lease cannot be renewed").isEmpty();
    }

    @Test
    void closingTheClientLeavesTheLoginTokenAliveSinceVaultWouldRevokeItsLeasesWithIt() {
        // An operator shutdown closes every client; revoke-self would take the database credentials along
        generator().generate(resolved(), ctx(cache));
        cache.close();
        assertThat(vault.revocations()).isZero();
        assertThat(vault.liveLeases()).isEqualTo(1);
    }

    @Test
    void writesSendTheParametersAsJsonAndGetsSendTheQuery() throws Exception {
        spec.method = "POST";
        spec.parameters = new ObjectMapper().readTree("{\"ttl\":\"1h\",\"nested\":{\"a\":1}}");
        generator().generate(resolved(), ctx(cache));
        assertThat(vault.credsRequestBodies()).singleElement().satisfies(b ->
                assertThat(new ObjectMapper().readTree(b)).isEqualTo(spec.parameters));

        spec.method = null;
        spec.getParameters = Map.of("ttl", List.of("30m"));
        generator().generate(resolved(), ctx(cache));
        assertThat(vault.seen()).anySatisfy(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.query()).isEqualTo("ttl=30m");
        });
    }

    @Test
    void resultTypesPickTheSection() {
        spec.resultType = VaultDynamicSecretResultType.Raw;
        Map<String, byte[]> raw = generator().generate(resolved(), ctx(cache)).values();
        assertThat(raw).containsKeys("lease_id", "lease_duration", "data");
        assertThat(text(raw.get("lease_duration"))).isEqualTo("3600");

        spec.resultType = VaultDynamicSecretResultType.Auth;
        assertThatThrownBy(() -> generator().generate(resolved(), ctx(cache))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("without an auth section").hasMessageContaining("database/creds/app");
        spec.allowEmptyResponse = true;
        assertThat(generator().generate(resolved(), ctx(cache)).values()).isEmpty();
    }

    @Test
    void errorsAreTypedAndCarryNoCredentials() {
        VaultDynamicSecretGenerator g = generator();
        Lease lease = g.generate(resolved(), ctx(cache)).lease().orElseThrow();
        vault.failLeaseRenewals(true);
        assertThatThrownBy(() -> g.renew(resolved(), ctx(cache), lease.id(), 3600)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("renewing a lease").hasMessageNotContaining("pw-")
                .extracting("kind").isEqualTo(ProviderException.Kind.UNAVAILABLE);
        vault.sealed(true);
        assertThatThrownBy(() -> g.generate(resolved(), ctx(cache))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("is sealed").hasMessageNotContaining("pw-");
        vault.sealed(false);
        vault.deny("database/");
        spec.path = "secret/nothing";
        assertThatThrownBy(() -> g.generate(resolved(), ctx(cache))).hasMessageContaining("secret/nothing");
    }

    @Test
    void retriesUnavailableAnswersAsConfigured() {
        RetrySettings retry = new RetrySettings();
        retry.maxRetries = 2;
        retry.retryInterval = "1ms";
        int[] calls = {0};
        assertThat(VaultDynamicSecretGenerator.withRetries(retry, () -> {
            if (++calls[0] < 3) {
                throw ProviderException.unavailable("down", null);
            }
            return null;
        })).isNull();
        assertThat(calls[0]).isEqualTo(3);
        calls[0] = 0;
        assertThatThrownBy(() -> VaultDynamicSecretGenerator.withRetries(retry, () -> {
            calls[0]++;
            throw ProviderException.accessDenied("no");
        })).hasMessage("no");
        assertThat(calls[0]).as("permission errors are not retried").isEqualTo(1);
    }

    @Test
    void aRestartWithTheRecordedStatusKeepsTheCredentialsAndLaterOnlyRenews() {
        VaultDynamicSecret vds = new VaultDynamicSecret();
        vds.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(VaultStores.NAMESPACE).build());
        vds.setSpec(spec);
        GeneratorRef ref = new GeneratorRef();
        ref.kind = GeneratorKind.VaultDynamicSecret;
        ref.name = "db";
        GeneratorResolver resolver = new GeneratorResolver(new dev.coffer.generator.GeneratorLookup() {
            @Override
            public <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> find(Class<T> type, String ns, String name) {
                return Optional.of(type.cast(vds));
            }
        });
        String src = "spec.dataFrom[0]";

        GeneratorSession first = new GeneratorSession(new GeneratorRegistry(List.of(generator())), resolver, ctx(cache),
                null, null, true, clock);
        Map<String, byte[]> secret = first.generate(src, ref);
        first.produced(src, secret.keySet());
        List<GeneratorState> status = first.commit();

        // "restart": new generator, new client cache (no token), the status and the Secret as they were
        try (ClientCache fresh = new ClientCache()) {
            clock.advance(Duration.ofMinutes(10));
            GeneratorSession afterRestart = new GeneratorSession(new GeneratorRegistry(List.of(generator())), resolver,
                    ctx(fresh), status, secret, true, clock);
            assertThat(afterRestart.reuse(src, ref)).hasValueSatisfying(v -> assertThat(v).isEqualTo(secret));
            List<GeneratorState> kept = afterRestart.commit();
            assertThat(vault.credsIssued()).isEqualTo(1);
            assertThat(vault.leaseRenewals()).isZero();

            clock.advance(Duration.ofMinutes(40));
            GeneratorSession due = new GeneratorSession(new GeneratorRegistry(List.of(generator())), resolver,
                    ctx(fresh), kept, secret, false, clock);
            assertThat(due.reuse(src, ref)).isPresent();
            assertThat(Instant.parse(due.commit().get(0).lease.expiryTime)).isAfter(clock.instant().plusSeconds(3500));
            assertThat(vault.credsIssued()).isEqualTo(1);
            assertThat(vault.leaseRenewals()).isEqualTo(1);
        }
    }
}

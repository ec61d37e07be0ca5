package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorKind;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.api.generators.v1alpha1.PasswordSpec;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecretSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-sync decisions: keep values with a good lease, renew when due, generate otherwise; revoke what a failed sync issued. */
class GeneratorSessionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SRC = "spec.dataFrom[0]";

    /** A leased generator that counts its calls; leases last an hour, renewals grant {@code renewTtl}. */
    private static final class Leased implements Generator {
        int generated;
        int renewed;
        final List<String> revoked = new ArrayList<>();
        long renewTtl = 3600;

        @Override
        public String kind() {
            return "VaultDynamicSecret";
        }

        @Override
        public Generated generate(ResolvedGenerator g, GeneratorContext ctx) {
            generated++;
            return new Generated(Map.of("username", bytes("user-" + generated)), Optional.of(new Lease("lease-" + generated, 3600, true)));
        }

        @Override
        public Optional<Lease> renew(ResolvedGenerator g, GeneratorContext ctx, String leaseId, long increment) {
            renewed++;
            return renewTtl == 0 ? Optional.empty() : Optional.of(new Lease(leaseId, renewTtl, true));
        }

        @Override
        public void revoke(ResolvedGenerator g, GeneratorContext ctx, String leaseId) {
            revoked.add(leaseId);
        }
    }

    private final Leased vault = new Leased();
    private final Map<String, HasMetadata> objects = new HashMap<>();
    private final GeneratorRegistry registry = new GeneratorRegistry(List.of(vault, new PasswordGenerator()));
    private final GeneratorResolver resolver = new GeneratorResolver(new GeneratorLookup() {
        @Override
        public <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
            return Optional.ofNullable(objects.get(type.getSimpleName() + "/" + name)).map(type::cast);
        }
    });

    GeneratorSessionTest() {
        VaultDynamicSecret vds = new VaultDynamicSecret();
        vds.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("apps").build());
        vds.setSpec(new VaultDynamicSecretSpec());
        vds.getSpec().path = "database/creds/app";
        objects.put("VaultDynamicSecret/db", vds);
        Password pw = new Password();
        pw.setMetadata(new ObjectMetaBuilder().withName("pw").withNamespace("apps").build());
        pw.setSpec(new PasswordSpec());
        objects.put("Password/pw", pw);
    }

    private GeneratorSession session(List<GeneratorState> recorded, Map<String, byte[]> live, boolean rotate, Instant now) {
        return new GeneratorSession(registry, resolver, new GeneratorContext("apps", null, null), recorded, live, rotate,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static GeneratorRef ref(GeneratorKind kind, String name) {
        GeneratorRef r = new GeneratorRef();
        r.kind = kind;
        r.name = name;
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A first sync: generates, and returns the states to record. */
    private List<GeneratorState> firstSync(GeneratorRef ref) {
        GeneratorSession s = session(null, null, true, T0);
        assertThat(s.reuse(SRC, ref)).isEmpty();
        Map<String, byte[]> values = s.generate(SRC, ref);
        s.produced(SRC, values.keySet());
        return s.commit();
    }

    private static Map<String, byte[]> secret() {
        return Map.of("username", bytes("user-1"), "other", bytes("x"));
    }

    @Test
    void aFirstSyncRecordsKeysAndLease() {
        List<GeneratorState> states = firstSync(ref(GeneratorKind.VaultDynamicSecret, "db"));
        assertThat(states).singleElement().satisfies(st -> {
            assertThat(st.source).isEqualTo(SRC);
            assertThat(st.kind).isEqualTo("VaultDynamicSecret");
            assertThat(st.name).isEqualTo("db");
            assertThat(st.keys).containsExactly("username");
            assertThat(st.lease.id).isEqualTo("lease-1");
            assertThat(st.fingerprint).isNotBlank();
        });
        assertThat(vault.generated).isEqualTo(1);
    }

    @Test
    void aValidLeaseKeepsTheValuesTheSecretHoldsEvenOnARefresh() {
        GeneratorRef ref = ref(GeneratorKind.VaultDynamicSecret, "db");
        List<GeneratorState> states = firstSync(ref);
        GeneratorSession s = session(states, secret(), true, T0.plusSeconds(60));
        assertThat(s.reuse(SRC, ref)).hasValueSatisfying(v -> assertThat(v).containsOnlyKeys("username"));
        assertThat(s.commit()).singleElement().satisfies(st -> assertThat(st.lease.id).isEqualTo("lease-1"));
        assertThat(vault.generated).isEqualTo(1);
        assertThat(vault.renewed).isZero();
    }

    @Test
    void aDueLeaseIsRenewedAndTheValuesKept() {
        GeneratorRef ref = ref(GeneratorKind.VaultDynamicSecret, "db");
        List<GeneratorState> states = firstSync(ref);
        Instant due = Instant.parse(states.get(0).lease.renewTime);
        GeneratorSession s = session(states, secret(), false, due);
        assertThat(s.reuse(SRC, ref)).isPresent();
        assertThat(vault.renewed).isEqualTo(1);
        assertThat(s.commit().get(0).lease.expiryTime).isEqualTo(due.plusSeconds(3600).toString());
        assertThat(vault.generated).isEqualTo(1);
    }

    @Test
    void aLeaseThatCanNoLongerBeRenewedMeansNewCredentials() {
        GeneratorRef ref = ref(GeneratorKind.VaultDynamicSecret, "db");
        List<GeneratorState> states = firstSync(ref);
        vault.renewTtl = 60; // max TTL near: the renewal buys too little
        GeneratorSession s = session(states, secret(), false, Instant.parse(states.get(0).lease.renewTime));
        assertThat(s.reuse(SRC, ref)).isEmpty();
        s.generate(SRC, ref);
        assertThat(vault.generated).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseADriftedSecretOrAChangedGeneratorMeanNewCredentials() {
        GeneratorRef ref = ref(GeneratorKind.VaultDynamicSecret, "db");
        List<GeneratorState> states = firstSync(ref);
        assertThat(session(states, secret(), true, T0.plusSeconds(3600)).reuse(SRC, ref)).as("expired").isEmpty();
        assertThat(session(states, null, true, T0).reuse(SRC, ref)).as("Secret not intact").isEmpty();
        assertThat(session(states, Map.of("other", bytes("x")), true, T0).reuse(SRC, ref)).as("key gone").isEmpty();
        ((VaultDynamicSecret) objects.get("VaultDynamicSecret/db")).getSpec().path = "database/creds/other";
        assertThat(session(states, secret(), true, T0).reuse(SRC, ref)).as("spec changed").isEmpty();
        assertThat(vault.renewed).isZero();
    }

    @Test
    void valuesWithoutALeaseRotateOnARefreshButNotWhenOnlyLeasesAreMaintained() {
        GeneratorRef ref = ref(GeneratorKind.Password, "pw");
        List<GeneratorState> states = firstSync(ref);
        assertThat(states.get(0).lease).isNull();
        Map<String, byte[]> live = Map.of("password", bytes("kept"));
        assertThat(session(states, live, true, T0).reuse(SRC, ref)).isEmpty();
        assertThat(session(states, live, false, T0).reuse(SRC, ref)).hasValueSatisfying(v ->
                assertThat(new String(v.get("password"), StandardCharsets.UTF_8)).isEqualTo("kept"));
    }

    @Test
    void aFailedSyncRevokesTheLeasesItIssuedButACommittedOneDoesNot() {
        GeneratorRef ref = ref(GeneratorKind.VaultDynamicSecret, "db");
        GeneratorSession failed = session(null, null, true, T0);
        failed.generate(SRC, ref);
        failed.abandon();
        assertThat(vault.revoked).containsExactly("lease-1");

        GeneratorSession ok = session(null, null, true, T0);
        ok.generate(SRC, ref);
        ok.commit();
        ok.abandon();
        assertThat(vault.revoked).containsExactly("lease-1");
    }
}

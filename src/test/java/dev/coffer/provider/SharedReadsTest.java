package dev.coffer.provider;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.AuditedSecretsClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fetch step's read sharing, on a client that counts its calls. */
class SharedReadsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SharedReads reads = new SharedReads(Duration.ofSeconds(5), nanos::get);

    @Test
    void identicalReadsShareAndDifferentOnesDoNot() {
        Counting backend = new Counting();
        for (int i = 0; i < 3; i++) {
            SecretsClient view = reads.session(false).view(backend);
            view.getSecret(ref("a", null));
            view.getSecret(ref("a", "p"));
            view.getSecretMap(ref("a", null));
            view.getAllSecrets(find("^a"));
        }
        assertThat(backend.calls).hasValue(4);
        reads.session(false).view(backend).getAllSecrets(find("^b"));
        assertThat(backend.calls).hasValue(5);
    }

    @Test
    void auditedWrappersOfOneClientShareItsReads() {
        Counting backend = new Counting();
        AuditTrail trail = new AuditTrail(true, Optional.empty(), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            SecretStoreRef store = new SecretStoreRef();
            store.name = "vault";
            SecretsClient audited = AuditedSecretsClient.of(backend, trail,
                    AuditedSecretsClient.Subject.externalSecret("apps", "es-" + i, store));
            SecretsClient view = reads.session(false).view(audited);
            view.getSecret(ref("a", "user"));
        }
        assertThat(backend.calls).as("one read for three ExternalSecrets, each with its own audited wrapper").hasValue(1);
    }

    @Test
    void withoutAWindowAReadIsStillMadeOncePerSync() {
        SharedReads none = new SharedReads(Duration.ZERO, nanos::get);
        Counting backend = new Counting();
        SecretsClient view = none.session(false).view(backend);
        view.getSecret(ref("a", null));
        view.getSecret(ref("a", null));
        assertThat(backend.calls).hasValue(1);
        none.session(false).view(backend).getSecret(ref("a", null));
        assertThat(backend.calls).hasValue(2);
    }

    @Test
    void aFailureIsNotKept() {
        Counting backend = new Counting();
        backend.failNext = true;
        assertThatThrownBy(() -> reads.session(false).view(backend).getSecret(ref("a", null)))
                .isInstanceOf(ProviderException.class);
        assertThat(new String(reads.session(false).view(backend).getSecret(ref("a", null)), StandardCharsets.UTF_8))
                .isEqualTo("a|null");
        assertThat(backend.calls).hasValue(2);
    }

    @Test
    void callersGetTheirOwnCopies() {
        Counting backend = new Counting();
        byte[] first = reads.session(false).view(backend).getSecret(ref("a", null));
        first[0] = 'X';
        Map<String, byte[]> map = reads.session(false).view(backend).getSecretMap(ref("a", null));
        map.get("k")[0] = 'X';
        assertThat(new String(reads.session(false).view(backend).getSecret(ref("a", null)), StandardCharsets.UTF_8))
                .isEqualTo("a|null");
        assertThat(reads.session(false).view(backend).getSecretMap(ref("a", null)).get("k")[0]).isEqualTo((byte) 'v');
    }

    private static ExternalSecretDataRemoteRef ref(String key, String property) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        r.property = property;
        return r;
    }

    private static ExternalSecretFind find(String regexp) {
        ExternalSecretFind f = new ExternalSecretFind();
        f.name = new FindName();
        f.name.regexp = regexp;
        return f;
    }

    /** Answers "key|property"; counts every call. */
    private static final class Counting implements SecretsClient {
        final AtomicInteger calls = new AtomicInteger();
        boolean failNext;

        @Override
        public String providerName() {
            return "counting";
        }

        @Override
        public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
            calls.incrementAndGet();
            if (failNext) {
                failNext = false;
                throw ProviderException.unavailable("backend down", null);
            }
            return (ref.key + "|" + ref.property).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
            calls.incrementAndGet();
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put("k", "v".getBytes(StandardCharsets.UTF_8));
            return out;
        }

        @Override
        public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
            calls.incrementAndGet();
            return Map.of(find.name.regexp, new byte[]{1});
        }
    }
}

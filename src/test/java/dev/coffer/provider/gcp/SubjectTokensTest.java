package dev.coffer.provider.gcp;

import dev.coffer.testsupport.InMemoryKube;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTokensTest {

    @Test
    void aTokenServesForHalfItsLifeThenANewOneIsRequested() {
        InMemoryKube kube = new InMemoryKube().numberedTokens();
        AtomicLong now = new AtomicLong();
        SubjectTokens tokens = new SubjectTokens(kube, "apps", "sa", List.of("aud"), now::get);

        assertThat(tokens.getSubjectToken(null)).isEqualTo("token-apps-sa-1");
        now.set((SubjectTokens.TOKEN_SECONDS / 2 - 1) * 1_000_000_000L);
        assertThat(tokens.getSubjectToken(null)).isEqualTo("token-apps-sa-1");
        now.set(SubjectTokens.TOKEN_SECONDS / 2 * 1_000_000_000L);
        assertThat(tokens.getSubjectToken(null)).isEqualTo("token-apps-sa-2");
        assertThat(kube.tokenRequests()).hasSize(2)
                .allSatisfy(r -> assertThat(r.expirationSeconds()).isEqualTo(SubjectTokens.TOKEN_SECONDS));
    }
}

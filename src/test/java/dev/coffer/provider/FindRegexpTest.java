package dev.coffer.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindRegexpTest {

    @Test
    void takesGoSyntaxAndMatchesAnywhereInTheName() {
        assertThat(FindRegexp.compile("^db-(?P<env>prod|dev)$").matcher("db-prod").find()).isTrue();
        assertThat(FindRegexp.compile("prod").matcher("team/prod/db").find()).isTrue();
        assertThat(FindRegexp.compile(null).matcher("anything").find()).isTrue();
    }

    @Test
    void refusesWhatRe2RefusesAsAConfigurationError() {
        assertThatThrownBy(() -> FindRegexp.compile("db-(?=prod)"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }
}

package dev.coffer.provider.vault;

import dev.coffer.provider.ProviderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream's path rules for mounts, data/ and metadata/. */
class VaultPathsTest {

    @Test
    void withAMountTheKeyIsRelativeAndMayRepeatTheMount() {
        VaultPaths v2 = new VaultPaths("secret/team", true);
        assertThat(v2.data("app/db")).isEqualTo("secret/team/data/app/db");
        assertThat(v2.data("secret/team/app/db")).isEqualTo("secret/team/data/app/db");
        assertThat(v2.data("secret/team/data/app/db")).isEqualTo("secret/team/data/app/db");
        assertThat(v2.metadata("app/db")).isEqualTo("secret/team/metadata/app/db");
        assertThat(v2.list("app/")).isEqualTo("secret/team/metadata/app/");
        VaultPaths v1 = new VaultPaths("/kv/", false);
        assertThat(v1.data("app/db")).isEqualTo("kv/app/db");
        assertThat(v1.data("kv/app/db")).isEqualTo("kv/app/db");
        assertThat(v1.list("")).isEqualTo("kv/");
    }

    @Test
    void withoutAMountTheFirstSegmentIsTheMount() {
        VaultPaths v2 = new VaultPaths(null, true);
        assertThat(v2.data("secret/app/db")).isEqualTo("secret/data/app/db");
        assertThat(v2.data("secret/data/app/db")).isEqualTo("secret/data/app/db");
        assertThat(v2.metadata("secret/data/app/db")).isEqualTo("secret/metadata/app/db");
        assertThatThrownBy(() -> v2.metadata("secret/app")).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> v2.list("")).isInstanceOf(ProviderException.class);
        assertThat(new VaultPaths(null, false).data("kv/app")).isEqualTo("kv/app");
    }

    @Test
    void pathSegmentsAreEscapedForTheDriversUri() {
        assertThat(VaultKv.encode("secret/data/my app/ä?x")).isEqualTo("secret/data/my%20app/%C3%A4%3Fx");
    }
}

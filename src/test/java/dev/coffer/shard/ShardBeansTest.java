package dev.coffer.shard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardBeansTest {

    final ShardBeans beans = new ShardBeans();

    Shards build(String mode, Optional<Integer> index, int count, String identity) {
        return beans.shards(null, mode, index, count, Optional.of(identity), "coffer-system",
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    @Test
    void offByDefault() {
        assertThat(build("off", Optional.empty(), 1, "coffer-abc")).isSameAs(Shards.OFF);
    }

    @Test
    void staticTakesTheIndexOrTheStatefulSetOrdinal() {
        assertThat(build("static", Optional.of(1), 3, "x").current().self()).isEqualTo("shard-1");
        assertThat(build("static", Optional.empty(), 3, "coffer-2").current().self()).isEqualTo("shard-2");
        assertThatThrownBy(() -> build("static", Optional.empty(), 3, "coffer-7d9f-x")).hasMessageStartingWith(
                "coffer.shard.mode=static needs coffer.shard.index");
    }

    @Test
    void anUnknownModeIsAOneLineError() {
        assertThatThrownBy(() -> build("ring", Optional.empty(), 1, "x"))
                .hasMessage("coffer.shard.mode must be off, static or lease, not 'ring'");
    }

    /**
     * On shutdown JOSDK's stop closes the operator's client, from its own JVM hook, possibly before
     * the Shards bean is disposed: the Lease is deleted all the same, so the share moves at once.
     */
    @Test
    void leaseModeDeletesItsLeaseOnShutdownAfterTheOperatorsClientIsClosed() {
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        try {
            KubernetesClient operatorClient = server.getClient();
            Shards shards = beans.shards(operatorClient, "lease", Optional.empty(), 1, Optional.of("coffer-a"), "coffer-system",
                    Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
            KubernetesClient look = server.getKubernetesMockServer().createClient();
            assertThat(look.leases().inNamespace("coffer-system").withName("coffer-shard-coffer-a").get()).isNotNull();

            operatorClient.close();
            beans.release(shards);

            assertThat(look.leases().inNamespace("coffer-system").withName("coffer-shard-coffer-a").get())
                    .as("Lease after shutdown").isNull();
            look.close();
        } finally {
            server.after();
        }
    }
}

package dev.coffer.shard;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticShardsTest {

    @Test
    void everyResourceHasExactlyOneIndex() {
        List<StaticShards> replicas = IntStream.range(0, 3).mapToObj(i -> new StaticShards(i, 3)).toList();
        for (int i = 0; i < 500; i++) {
            String name = "es-" + i;
            assertThat(replicas.stream().filter(r -> r.current().owns("apps", name)).count()).isEqualTo(1);
        }
        assertThat(replicas).allSatisfy(r -> assertThat(r.current().owns(null, "cluster-store")
                || replicas.stream().anyMatch(o -> o.current().owns(null, "cluster-store"))).isTrue());
    }

    @Test
    void oneShardOwnsEverything() {
        assertThat(new StaticShards(0, 1).current().owns("apps", "x")).isTrue();
    }

    @Test
    void anIndexOutOfRangeIsAOneLineError() {
        assertThatThrownBy(() -> new StaticShards(3, 3)).hasMessage(
                "coffer.shard.index must be between 0 and coffer.shard.count - 1 (count 3, index 3)");
        assertThatThrownBy(() -> new StaticShards(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offOwnsEverything() {
        assertThat(Shards.OFF.current().owns("any", "thing")).isTrue();
        assertThat(Shards.OFF.enabled()).isFalse();
    }
}

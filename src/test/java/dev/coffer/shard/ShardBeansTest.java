package dev.coffer.shard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
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
}

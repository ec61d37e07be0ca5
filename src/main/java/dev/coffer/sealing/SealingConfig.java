package dev.coffer.sealing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code coffer.sealing.*}: see application.properties for what each key does. */
@ConfigMapping(prefix = "coffer.sealing")
public interface SealingConfig {

    /**
     * Whether the SealedSecret controller runs. Off, Coffer neither watches nor generates keys;
     * the kubeseal endpoints then answer from no keys (503 for the certificate).
     */
    @WithDefault("true")
    boolean enabled();

    /** Where key Secrets live: the operator's namespace. */
    @WithDefault("${POD_NAMESPACE:coffer-system}")
    String namespace();

    /** A new key this often; 0 disables renewal. */
    @WithDefault("30d")
    Duration keyRenewPeriod();

    /** A new key at start-up when the newest is older than this instant (RFC 3339). */
    Optional<Instant> keyCutoffTime();

    @WithDefault("4096")
    int keyBits();

    @WithDefault("3650d")
    Duration keyValidity();

    /** Token bucket of POST /v1/verify: refill per second and burst. */
    @WithDefault("2")
    double verifyRatePerSecond();

    @WithDefault("10")
    int verifyBurst();
}

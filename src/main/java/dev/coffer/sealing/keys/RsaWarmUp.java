package dev.coffer.sealing.keys;

import dev.coffer.sealing.HybridCipher;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brings the JIT to the RSA arithmetic before the first SealedSecrets arrive. A fresh JVM runs its
 * first RSA-4096 decrypts in the interpreter and C1: in the profile of a 1,000-value batch right
 * after start, C2's {@code BigInteger.oddModPow} arrived 6 to 13 s into it. Once per JVM, on the
 * first key, a low-priority background thread decrypts a value sealed for that key a few dozen
 * times (about a second of CPU), so a restore or GitOps sync after start meets compiled code.
 */
final class RsaWarmUp {

    static final int OPERATIONS = 40;
    private static final Logger LOG = Logger.getLogger(RsaWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private RsaWarmUp() {
    }

    /** Starts the warm-up in the background unless this JVM has already started one. */
    static void once(SealingKey key) {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> run(key, OPERATIONS), "rsa-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    /** Decrypts one throw-away session key {@code operations} times; returns how many succeeded. */
    static int run(SealingKey key, int operations) {
        byte[] label = "coffer/rsa-warm-up".getBytes(StandardCharsets.UTF_8);
        int done = 0;
        try {
            HybridCipher.Parts parts = HybridCipher.split(HybridCipher.seal(key.publicKey(), label, new byte[1],
                    new SecureRandom()));
            for (int i = 0; i < operations; i++) {
                if (HybridCipher.openSessionKey(key.privateKey(), label, parts).isPresent()) {
                    done++;
                }
            }
        } catch (SealingException | RuntimeException e) {
            // only a speed-up: a key that cannot do it will fail, with a message, where it matters
            LOG.debugf("RSA warm-up stopped with key %s: %s", key.fingerprint(), e.getClass().getSimpleName());
        }
        return done;
    }
}

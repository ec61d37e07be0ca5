package dev.coffer.sealing;

import dev.coffer.testsupport.fuzz.FuzzRun;
import dev.coffer.testsupport.fuzz.Mutator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the SealedSecret payload parser ({@link ValueUnsealer}: Go base64, the length-prefixed
 * RSA-OAEP session key, AES-GCM data) with mutations of real sealed values, as text (the base64)
 * and as bytes (the payload itself, so inputs reach the RSA and GCM steps): each opens or fails
 * with a {@link SealingException} of one line that never holds the plaintext.
 */
class SealedPayloadFuzzTest {

    private static final String PLAINTEXT = "CANARY-sealed-plaintext-42";
    private static final byte[] LABEL = "apps/db".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyPayloadOpensOrFailsInOneLine() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048, new SecureRandom(new byte[] {1}));
        KeyPair pair = rsa.generateKeyPair();
        SealingKey key = SealingKey.ofPrivateKey((RSAPrivateKey) pair.getPrivate(), "fuzz");
        SecureRandom random = new SecureRandom();
        List<String> payloads = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String value : List.of(PLAINTEXT, "", "x", PLAINTEXT.repeat(40))) {
            byte[] sealed = HybridCipher.seal((RSAPublicKey) pair.getPublic(), LABEL, value.getBytes(StandardCharsets.UTF_8), random);
            payloads.add(new String(sealed, StandardCharsets.ISO_8859_1));
            texts.add(Base64.getEncoder().encodeToString(sealed));
        }
        Mutator asText = new Mutator(FuzzRun.SEED, texts, List.of("=", "==", "\n", "\r", "-", "_", "+", "/", "AAAA", " "));
        Mutator asBytes = new Mutator(FuzzRun.SEED + 1, payloads, List.of("\u0000", "\u0001\u0000", "\u00ff\u00ff", "\u0000\u0000"));
        FuzzRun.run("sealed payload", i -> {
            String input = i % 2 == 0 ? asText.nextString()
                    : Base64.getEncoder().encodeToString(asBytes.nextString().getBytes(StandardCharsets.ISO_8859_1));
            return () -> {
                try {
                    ValueUnsealer.open(Map.of("password", input), LABEL, List.of(key));
                } catch (SealingException e) {
                    FuzzRun.assertOneLineError(e.getMessage(), PLAINTEXT);
                }
            };
        });
    }
}

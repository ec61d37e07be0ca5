package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.gocompat.GoBase64;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeySecrets;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Private keys for offline unsealing ({@code --recovery-private-key}): PEM files (PKCS#1 or
 * PKCS#8) or key Secrets as YAML/JSON (one, several, or a List, as {@code kubectl get -o yaml} gives).
 */
public final class RecoveryKeys {

    private RecoveryKeys() {
    }

    public static List<SealingKey> load(List<String> files) throws SealingException {
        List<SealingKey> keys = new ArrayList<>();
        for (String file : files) {
            String text;
            try {
                text = Files.readString(Path.of(file.trim()));
            } catch (IOException e) {
                throw new SealingException(IoMessages.of("private key file", file.trim(), e));
            }
            if (text.contains("-----BEGIN")) {
                keys.add(SealingKey.ofPrivateKey(KeyPem.privateKey(text, file.trim()), file.trim()));
            } else {
                keys.addAll(fromSecrets(text, file.trim()));
            }
        }
        if (keys.isEmpty()) {
            throw new SealingException("no private key found in " + String.join(", ", files));
        }
        return keys;
    }

    private static List<SealingKey> fromSecrets(String text, String source) throws SealingException {
        List<ObjectNode> docs;
        try {
            docs = Documents.read(text, source);
        } catch (IOException e) {
            throw new SealingException(source + ": neither a PEM private key nor key Secrets as YAML/JSON");
        }
        List<SealingKey> keys = new ArrayList<>();
        for (ObjectNode doc : docs) {
            if ("Secret".equals(doc.path("kind").asText())) {
                keys.add(fromSecret(Documents.as(doc, Secret.class), source));
            }
        }
        return keys;
    }

    /**
     * A key Secret: like kubeseal, only {@code tls.key} is needed to unseal; {@code tls.crt},
     * when present, must match it.
     */
    static SealingKey fromSecret(Secret secret, String file) throws SealingException {
        String source = file + ": " + KeySecrets.describe(secret);
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        if (data.get("tls.key") == null) {
            throw new SealingException(source + " has no tls.key");
        }
        if (data.get("tls.crt") != null) {
            return KeySecrets.read(secret);
        }
        try {
            return SealingKey.ofPrivateKey(KeyPem.privateKey(new String(GoBase64.decodeStd(data.get("tls.key")),
                    StandardCharsets.US_ASCII), source), source);
        } catch (GoBase64.InvalidBase64Exception e) {
            throw new SealingException(source + ": tls.key is not base64");
        }
    }
}

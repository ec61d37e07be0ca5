package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.sealing.Pem;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeySecrets;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
                throw new SealingException("cannot read private key file " + file.trim());
            }
            if (text.contains("-----BEGIN")) {
                keys.add(SealingKey.ofPrivateKey(Pem.privateKey(text, file.trim()), file.trim()));
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
                Secret secret = Documents.as(doc, Secret.class);
                if (secret.getData() != null && secret.getData().containsKey("tls.key")) {
                    keys.add(KeySecrets.read(secret));
                }
            }
        }
        return keys;
    }
}

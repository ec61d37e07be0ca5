package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ConversionStrategy;
import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.NullBytePolicy;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreSourceRef;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fetch step: runs the remote reads an ExternalSecret asks for and applies the per-value
 * strategies (conversion, decoding, null bytes, rewrite). {@code dataFrom} is read first and
 * {@code data} last, so explicit keys win, as upstream.
 */
public final class DataFetcher {

    private final ClientSource clients;
    private final SecretTemplater templater;

    public DataFetcher(ClientSource clients, SecretTemplater templater) {
        this.clients = clients;
        this.templater = templater;
    }

    public Map<String, byte[]> fetch(ExternalSecretSpec spec) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (spec.dataFrom != null) {
            for (int i = 0; i < spec.dataFrom.size(); i++) {
                out.putAll(fetchDataFrom(spec, spec.dataFrom.get(i), "spec.dataFrom[" + i + "]"));
            }
        }
        if (spec.data != null) {
            for (ExternalSecretData d : spec.data) {
                SecretsClient client = client(spec, d.sourceRef, "spec.data secretKey \"" + d.secretKey + "\"");
                byte[] value = client.getSecret(d.remoteRef);
                checkNullBytes(value, d.remoteRef.nullBytePolicy, d.secretKey);
                out.put(d.secretKey, ValueDecoding.decode(value, d.remoteRef.decodingStrategy, d.secretKey));
            }
        }
        return out;
    }

    private Map<String, byte[]> fetchDataFrom(ExternalSecretSpec spec, ExternalSecretDataFromRemoteRef ref, String where) {
        SecretsClient client = client(spec, ref.sourceRef, where);
        Map<String, byte[]> raw;
        ConversionStrategy conversion;
        DecodingStrategy decoding;
        NullBytePolicy nullBytes;
        if (ref.extract != null) {
            raw = client.getSecretMap(ref.extract);
            conversion = ref.extract.conversionStrategy;
            decoding = ref.extract.decodingStrategy;
            nullBytes = ref.extract.nullBytePolicy;
        } else {
            raw = client.getAllSecrets(ref.find);
            conversion = ref.find.conversionStrategy;
            decoding = ref.find.decodingStrategy;
            nullBytes = ref.find.nullBytePolicy;
        }
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            checkNullBytes(e.getValue(), nullBytes, e.getKey());
        }
        // As upstream: rewrite sees the remote names; conversion applies only when there is no rewrite.
        Map<String, byte[]> keyed;
        if (ref.rewrite != null && !ref.rewrite.isEmpty()) {
            keyed = KeyRewriter.rewrite(raw, ref.rewrite, templater);
        } else {
            keyed = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : raw.entrySet()) {
                String key = KeyConversion.convert(e.getKey(), conversion == null ? ConversionStrategy.Default : conversion);
                if (keyed.put(key, e.getValue()) != null) {
                    throw new InvalidSpecException(where + ": two remote keys convert to the same Secret key \"" + key
                            + "\"; use conversionStrategy Unicode or a rewrite");
                }
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : keyed.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || !key.matches("[-._a-zA-Z0-9]+")) {
                throw new InvalidSpecException(where + ": key \"" + key + "\" is not a valid Secret key after rewrite");
            }
            out.put(key, ValueDecoding.decode(e.getValue(), decoding, key));
        }
        return out;
    }

    private SecretsClient client(ExternalSecretSpec spec, StoreSourceRef source, String where) {
        if (source != null && source.generatorRef != null) {
            throw new InvalidSpecException(where + ": generators are not supported by Coffer yet");
        }
        SecretStoreRef ref = source != null && source.storeRef != null ? source.storeRef : spec.secretStoreRef;
        if (ref == null || ref.name == null || ref.name.isEmpty()) {
            throw new InvalidSpecException(where + ": no store: set spec.secretStoreRef or a sourceRef.storeRef");
        }
        return clients.clientFor(ref);
    }

    private static void checkNullBytes(byte[] value, NullBytePolicy policy, String key) {
        if (policy != NullBytePolicy.Fail) {
            return;
        }
        for (byte b : value) {
            if (b == 0) {
                throw ProviderException.invalidConfig("value of key \"" + key + "\" contains a NUL byte (nullBytePolicy Fail)");
            }
        }
    }
}

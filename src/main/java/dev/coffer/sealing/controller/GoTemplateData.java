package dev.coffer.sealing.controller;

import dev.coffer.redaction.ValueRedactor;
import dev.coffer.sealing.SealingException;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spec.template.data} through the Go template engine: each entry is a template executed
 * against the decrypted values (strings, or bytes when not UTF-8), with Go's default
 * {@code missingkey} option as the Sealed Secrets controller runs it (a missing key renders
 * {@code <no value>}; ExternalSecrets differ: ESO uses {@code missingkey=error}). Error messages are the
 * engine's, with every decrypted value redacted from them, whatever its length.
 */
final class GoTemplateData implements TemplateData {

    @Override
    public Map<String, byte[]> render(Map<String, String> templates, Map<String, byte[]> values) throws SealingException {
        Map<String, Object> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, textOrBytes(v)));
        ValueRedactor redactor = ValueRedactor.of(values.values());
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(templates).entrySet()) {
            try {
                out.put(entry.getKey(), GoTemplate.parse(entry.getKey(), entry.getValue()).executeBytes(data, GoTemplate.MissingKey.DEFAULT));
            } catch (TemplateException e) {
                throw new SealingException("template.data[\"" + entry.getKey() + "\"]: " + redactor.redact(e.getMessage(), e.detail()));
            }
        }
        return out;
    }

    private static Object textOrBytes(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }
}

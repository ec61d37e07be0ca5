package dev.coffer.provider.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.template.funcs.sprig.GoJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's rules for a webhook answer. The answer is decoded as Go decodes JSON (numbers are
 * doubles) and {@code result.jsonPath} runs on it through Jayway JsonPath on the Jackson provider.
 * One value: a string as it is, a number with no decimals (Go's {@code FormatFloat(v, 'f', 0)}),
 * a boolean as text, null as empty, an array as its first element, an object as JSON. Errors
 * name the path, never the answer.
 */
final class WebhookResults {

    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(new ObjectMapper()))
            .mappingProvider(new JacksonMappingProvider(new ObjectMapper()))
            .build();

    private WebhookResults() {
    }

    /** The value for {@code data[]}: the whole answer without a path, else the one value the path selects. */
    static byte[] value(byte[] answer, String jsonPath, String subject) {
        if (jsonPath.isEmpty()) {
            return answer;
        }
        return single(select(decode(answer, subject), jsonPath, subject), jsonPath, subject);
    }

    /** The key/value map for {@code dataFrom.extract}: the object the path selects (or the whole answer). */
    static Map<String, byte[]> map(byte[] answer, String jsonPath, String subject) {
        Object data = decode(answer, subject);
        if (!jsonPath.isEmpty()) {
            data = select(data, jsonPath, subject);
        }
        if (data instanceof String text) {
            // A path may land on a string that holds JSON itself.
            data = decode(text.getBytes(StandardCharsets.UTF_8), subject + " at " + jsonPath);
        }
        if (!(data instanceof Map<?, ?> object)) {
            throw ProviderException.missingValue("the webhook answer for " + subject
                    + (jsonPath.isEmpty() ? "" : " at " + jsonPath) + " is not a JSON object");
        }
        Map<String, byte[]> out = new TreeMap<>();
        object.forEach((k, v) -> out.put(String.valueOf(k), JsonValues.byteValue(v)));
        return out;
    }

    private static Object decode(byte[] answer, String subject) {
        try {
            return GoJson.unmarshal(new String(answer, StandardCharsets.UTF_8));
        } catch (GoJson.SyntaxException e) {
            throw ProviderException.missingValue("the webhook answer for " + subject + " is not valid JSON");
        }
    }

    private static Object select(Object data, String jsonPath, String subject) {
        try {
            return JsonPath.using(JSONPATH).parse(data).read(jsonPath);
        } catch (PathNotFoundException e) {
            throw ProviderException.missingValue("result.jsonPath " + jsonPath + " matches nothing in the webhook answer for " + subject);
        } catch (InvalidPathException e) {
            throw ProviderException.invalidConfig("result.jsonPath " + jsonPath + " is not a valid JSONPath");
        }
    }

    private static byte[] single(Object v, String jsonPath, String subject) {
        if (v == null) {
            return new byte[0];
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Boolean b) {
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.doubleValue()).setScale(0, RoundingMode.HALF_EVEN).toPlainString().getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                throw ProviderException.missingValue("result.jsonPath " + jsonPath + " matched an empty list in the webhook answer for " + subject);
            }
            return single(list.get(0), jsonPath, subject);
        }
        if (v instanceof Map<?, ?>) {
            try {
                return GoJson.marshal(v, true, null).getBytes(StandardCharsets.UTF_8);
            } catch (GoJson.UnsupportedValueException e) {
                throw ProviderException.missingValue("the value at " + jsonPath + " cannot be written as JSON");
            }
        }
        throw ProviderException.missingValue("the value at " + jsonPath + " has an unexpected type");
    }
}

package dev.coffer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.api.ExactlyOneField;
import dev.coffer.api.externalsecrets.v1.ClusterExternalSecret;
import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the committed CRDs add to what the Fabric8 generator writes, where its annotations cannot
 * express upstream's schema:
 * <ul>
 * <li>the root {@code apiVersion}, {@code kind} and {@code metadata} properties;</li>
 * <li>printer columns in the order the class declares them (the generator sorts them by JSON
 * path; {@code kubectl get} shows them in upstream's order only this way);</li>
 * <li>{@code required: [key, operator]} on every {@code matchExpressions[]} of a label selector
 * (the selector is Fabric8's model class, which has no such annotation);</li>
 * <li>{@code minProperties}/{@code maxProperties: 1} wherever a type marked {@link ExactlyOneField}
 * appears (found by walking the schema along the Java fields it was generated from).</li>
 * </ul>
 */
final class CrdFinish {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] ROOT_FIELDS = {"apiVersion", "kind", "metadata"};
    private static final Map<String, Class<? extends HasMetadata>> BY_KIND = Stream.of(
                    ExternalSecret.class, SecretStore.class, ClusterSecretStore.class, ClusterExternalSecret.class,
                    PushSecret.class, ClusterPushSecret.class, SealedSecret.class, ClusterGenerator.class)
            .collect(Collectors.toMap(HasMetadata::getKind, Function.identity()));

    private CrdFinish() {
    }

    static JsonNode finish(JsonNode crd) {
        Class<? extends HasMetadata> type = BY_KIND.get(crd.path("spec").path("names").path("kind").asText());
        for (JsonNode version : crd.path("spec").path("versions")) {
            ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema");
            addRootFields(schema);
            requireSelectorKeys(schema);
            if (type != null) {
                Type[] specAndStatus = ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments();
                markOneOfs(schema.path("properties").path("spec"), specAndStatus[0]);
                markOneOfs(schema.path("properties").path("status"), specAndStatus[1]);
                if (version.has("additionalPrinterColumns")) {
                    orderColumns((ArrayNode) version.get("additionalPrinterColumns"), type);
                }
            }
        }
        return crd;
    }

    private static void addRootFields(ObjectNode schema) {
        ObjectNode ordered = JSON.objectNode();
        for (String field : ROOT_FIELDS) {
            ordered.putObject(field).put("type", "metadata".equals(field) ? "object" : "string");
        }
        ordered.setAll((ObjectNode) schema.path("properties"));
        schema.set("properties", ordered);
    }

    private static void requireSelectorKeys(JsonNode node) {
        if (!node.isContainerNode()) {
            return;
        }
        JsonNode requirement = node.path("properties").path("matchExpressions").path("items");
        if (requirement.path("properties").has("key") && requirement.path("properties").has("operator")
                && !requirement.has("required")) {
            ((ObjectNode) requirement).putArray("required").add("key").add("operator");
        }
        for (JsonNode child : node) {
            requireSelectorKeys(child);
        }
    }

    private static void orderColumns(ArrayNode columns, Class<?> type) {
        List<String> declared = Stream.of(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        List<JsonNode> sorted = new ArrayList<>();
        columns.forEach(sorted::add);
        sorted.sort((a, b) -> Integer.compare(rank(declared, a), rank(declared, b)));
        columns.removeAll();
        sorted.forEach(columns::add);
    }

    private static int rank(List<String> declared, JsonNode column) {
        int i = declared.indexOf(column.path("name").asText());
        return i < 0 ? declared.size() : i;
    }

    private static void markOneOfs(JsonNode schema, Type type) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                markOneOfs(node.path("items"), args[0]);
            } else if (Map.class.isAssignableFrom(raw)) {
                markOneOfs(node.path("additionalProperties"), args[1]);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !c.getName().startsWith("dev.coffer.")) {
            return;
        }
        if (c.isAnnotationPresent(ExactlyOneField.class)) {
            node.put("maxProperties", 1).put("minProperties", 1);
        }
        for (Field f : c.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                JsonProperty renamed = f.getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : f.getName();
                markOneOfs(node.path("properties").path(name), f.getGenericType());
            }
        }
    }
}

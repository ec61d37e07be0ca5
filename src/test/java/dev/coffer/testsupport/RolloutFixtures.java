package dev.coffer.testsupport;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Workloads and Secrets for the rollout-restart tests, on the mock server and on the real API
 * server alike: a workload of any kind whose pod template references Secrets through env
 * ({@code secretKeyRef}) and a {@code secret} volume.
 */
public final class RolloutFixtures {

    public static final String HASH = "coffer.dev/secret-hash";

    private RolloutFixtures() {
    }

    /**
     * @param kind        Deployment, StatefulSet or DaemonSet
     * @param annotations YAML flow map of the workload's annotations, e.g. {@code {reloader.stakater.com/auto: "true"}}
     * @param envSecret   a Secret the app reads a key of through env
     * @param volumeSecret a Secret mounted as a volume
     */
    public static HasMetadata workload(String kind, String ns, String name, String annotations, String envSecret,
                                       String volumeSecret) {
        String yaml = """
                apiVersion: apps/v1
                kind: %s
                metadata:
                  name: %s
                  namespace: %s
                  annotations: %s
                spec:
                  %s
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: app
                        image: registry.example/app:1
                        env:
                        - name: PASSWORD
                          valueFrom:
                            secretKeyRef: {name: %s, key: password}
                        volumeMounts:
                        - {name: tls, mountPath: /tls, readOnly: true}
                      volumes:
                      - name: tls
                        secret: {secretName: %s}
                """.formatted(kind, name, ns, annotations, "StatefulSet".equals(kind) ? "serviceName: " + name : "",
                name, name, envSecret, volumeSecret);
        return Manifests.parse(yaml, kindClass(kind));
    }

    private static Class<? extends HasMetadata> kindClass(String kind) {
        return switch (kind) {
            case "Deployment" -> io.fabric8.kubernetes.api.model.apps.Deployment.class;
            case "StatefulSet" -> io.fabric8.kubernetes.api.model.apps.StatefulSet.class;
            case "DaemonSet" -> io.fabric8.kubernetes.api.model.apps.DaemonSet.class;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Creates a Secret with these string values and annotations (null: none). */
    public static Secret createSecret(KubernetesClient client, String ns, String name, Map<String, String> plain,
                                      Map<String, String> annotations) {
        Secret secret = TestResources.secret(ns, name, plain);
        secret.getMetadata().setAnnotations(annotations);
        return client.resource(secret).create();
    }

    /**
     * Replaces the Secret's data with these string values. (stringData is dropped: the real API
     * server never stores it, the CRUD mock server keeps it as sent.)
     */
    public static void setData(KubernetesClient client, String ns, String name, Map<String, String> plain) {
        client.secrets().inNamespace(ns).withName(name).edit(s -> {
            s.setStringData(null);
            s.setData(plain.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))));
            return s;
        });
    }

    /** The workload's pod-template hash annotation, or null. */
    public static String hashOf(KubernetesClient client, Class<? extends HasMetadata> type, String ns, String name) {
        HasMetadata w = client.resources(type).inNamespace(ns).withName(name).get();
        Map<String, Object> template = templateMetadata(w);
        Object annotations = template == null ? null : template.get("annotations");
        return annotations instanceof Map<?, ?> m ? (String) m.get(HASH) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> templateMetadata(HasMetadata w) {
        Map<String, Object> json = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(w, Map.class);
        Map<String, Object> spec = (Map<String, Object>) json.get("spec");
        Map<String, Object> template = spec == null ? null : (Map<String, Object>) spec.get("template");
        return template == null ? null : (Map<String, Object>) template.get("metadata");
    }

    /** The RolloutRestarted Events recorded on the named object. */
    public static List<Event> restartEvents(KubernetesClient client, String ns, String name) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "RolloutRestarted".equals(e.getReason()))
                .toList();
    }
}

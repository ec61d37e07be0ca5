package dev.coffer.rollout;

import dev.coffer.testsupport.Manifests;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretReferencesTest {

    @Test
    void envEnvFromVolumesAndProjectedVolumesInEveryContainer() {
        PodSpec spec = Manifests.fragment("""
                initContainers:
                - name: init
                  envFrom:
                  - secretRef: {name: init-env}
                containers:
                - name: app
                  env:
                  - name: A
                    valueFrom:
                      secretKeyRef: {name: db, key: password}
                  - name: B
                    valueFrom:
                      configMapKeyRef: {name: not-a-secret, key: b}
                  - name: C
                    value: plain
                  envFrom:
                  - secretRef: {name: app-env}
                  - configMapRef: {name: cm}
                volumes:
                - name: tls
                  secret: {secretName: tls}
                - name: bundle
                  projected:
                    sources:
                    - secret: {name: projected-one}
                    - configMap: {name: cm}
                    - serviceAccountToken: {path: token}
                - name: scratch
                  emptyDir: {}
                """, PodSpec.class);
        assertThat(SecretReferences.of(spec)).containsExactly("app-env", "db", "init-env", "projected-one", "tls");
    }

    @Test
    void nothingReferencedIsEmpty() {
        assertThat(SecretReferences.of(null)).isEmpty();
        assertThat(SecretReferences.of(new PodSpec())).isEmpty();
    }
}

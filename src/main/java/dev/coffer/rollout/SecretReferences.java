package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The Secrets a pod template references, as Reloader counts them: {@code env[].valueFrom.secretKeyRef},
 * {@code envFrom[].secretRef}, {@code secret} volumes and the {@code secret} sources of projected
 * volumes, in init and app containers alike.
 */
public final class SecretReferences {

    private SecretReferences() {
    }

    public static Set<String> of(PodSpec spec) {
        Set<String> names = new TreeSet<>();
        if (spec == null) {
            return names;
        }
        Consumer<String> add = n -> {
            if (n != null && !n.isBlank()) {
                names.add(n);
            }
        };
        containers(spec.getInitContainers(), add);
        containers(spec.getContainers(), add);
        for (Volume v : nonNull(spec.getVolumes())) {
            if (v.getSecret() != null) {
                add.accept(v.getSecret().getSecretName());
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : nonNull(v.getProjected().getSources())) {
                    if (p.getSecret() != null) {
                        add.accept(p.getSecret().getName());
                    }
                }
            }
        }
        return names;
    }

    private static void containers(List<Container> containers, Consumer<String> add) {
        for (Container c : nonNull(containers)) {
            for (EnvVar e : nonNull(c.getEnv())) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    add.accept(e.getValueFrom().getSecretKeyRef().getName());
                }
            }
            for (EnvFromSource f : nonNull(c.getEnvFrom())) {
                if (f.getSecretRef() != null) {
                    add.accept(f.getSecretRef().getName());
                }
            }
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}

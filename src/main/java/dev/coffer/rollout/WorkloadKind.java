package dev.coffer.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.function.Function;

/** The workload kinds that can be restarted, and where each keeps its pod template. */
public enum WorkloadKind {
    DEPLOYMENT("Deployment", Deployment.class, w -> ((Deployment) w).getSpec() == null ? null : ((Deployment) w).getSpec().getTemplate()),
    STATEFUL_SET("StatefulSet", StatefulSet.class, w -> ((StatefulSet) w).getSpec() == null ? null : ((StatefulSet) w).getSpec().getTemplate()),
    DAEMON_SET("DaemonSet", DaemonSet.class, w -> ((DaemonSet) w).getSpec() == null ? null : ((DaemonSet) w).getSpec().getTemplate());

    private final String kind;
    private final Class<? extends HasMetadata> type;
    private final Function<HasMetadata, PodTemplateSpec> template;

    WorkloadKind(String kind, Class<? extends HasMetadata> type, Function<HasMetadata, PodTemplateSpec> template) {
        this.kind = kind;
        this.type = type;
        this.template = template;
    }

    public String kind() {
        return kind;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    public PodTemplateSpec template(HasMetadata workload) {
        return template.apply(workload);
    }
}

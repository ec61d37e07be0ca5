package dev.coffer.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.quarkiverse.operatorsdk.runtime.QuarkusConfigurationService;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.coffer.shard.Sharding;
import dev.coffer.shard.Shards;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Which controllers run: the ExternalSecret family ({@code external-secrets.io}) and the
 * SealedSecret controller ({@code bitnami.com}), each switched at run time. QOSDK registers
 * every reconciler it finds; this replaces its default Operator bean with one that registers
 * only the enabled ones, and otherwise does what QOSDK's does (same configuration service,
 * same shutdown hook). With sharding on, each controller reconciles only this replica's share
 * (see {@code dev.coffer.shard.Sharding}).
 */
@Singleton
public class ControllerSelection {

    private static final Logger LOG = Logger.getLogger(ControllerSelection.class);

    static final String EXTERNAL_SECRETS_GROUP = "external-secrets.io";
    static final String SEALED_SECRETS_GROUP = "bitnami.com";
    static final java.util.Set<String> FANOUT_CONTROLLERS = java.util.Set.of("clusterexternalsecret", "clusterpushsecret");

    @Produces
    @Singleton
    Operator operator(QuarkusConfigurationService configuration, Instance<Reconciler<? extends HasMetadata>> reconcilers,
                      @ConfigProperty(name = "coffer.controllers.external-secrets.enabled", defaultValue = "true") boolean externalSecrets,
                      @ConfigProperty(name = "coffer.sealing.enabled", defaultValue = "true") boolean sealedSecrets,
                      @ConfigProperty(name = "coffer.controllers.cluster-fanout.enabled", defaultValue = "true") boolean fanout,
                      Shards shards, Leadership leadership) {
        Operator operator = new Operator(configuration);
        Sharding sharding = new Sharding(shards);
        if (shards.enabled()) {
            leadership.followShards(sharding::leadsRollouts);
        }
        for (Reconciler<? extends HasMetadata> reconciler : reconcilers) {
            register(operator, sharding, configuration, reconciler, externalSecrets, sealedSecrets, fanout);
        }
        Duration timeout = configuration.reconciliationTerminationTimeout();
        if (!timeout.isZero()) {
            operator.installShutdownHook(timeout);
        }
        return operator;
    }

    private static <P extends HasMetadata> void register(Operator operator, Sharding sharding, QuarkusConfigurationService configuration,
                                                         Reconciler<P> reconciler, boolean externalSecrets, boolean sealedSecrets,
                                                         boolean fanout) {
        var config = configuration.getConfigurationFor(reconciler);
        String group = HasMetadata.getGroup(config.getResourceClass());
        boolean enabled = switch (group) {
            // ClusterExternalSecret and ClusterPushSecret write into any namespace: off in namespace-scoped mode
            case EXTERNAL_SECRETS_GROUP -> externalSecrets && (fanout || !FANOUT_CONTROLLERS.contains(config.getName()));
            case SEALED_SECRETS_GROUP -> sealedSecrets;
            default -> true;
        };
        if (enabled) {
            sharding.register(operator, reconciler, config);
        } else {
            LOG.infof("controller %s (%s) is disabled", config.getName(), group);
        }
    }
}

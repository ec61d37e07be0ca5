package dev.coffer.audit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The operator's audit trail, from {@code coffer.audit.enabled} (default true;
 * {@code COFFER_AUDIT_ENABLED}) and {@code coffer.audit.file} (optional; {@code COFFER_AUDIT_FILE}).
 */
public class AuditTrailProducer {

    @Produces
    @Singleton
    AuditTrail auditTrail(@ConfigProperty(name = "coffer.audit.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "coffer.audit.file") Optional<String> file) {
        return new AuditTrail(enabled, file.filter(f -> !f.isBlank()).map(Path::of), Clock.systemUTC());
    }
}

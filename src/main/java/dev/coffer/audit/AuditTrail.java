package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;

/**
 * The audit trail: each {@link AuditRecord} as one JSON line on the {@code coffer.audit} logger
 * and, when a file is configured, appended to it. Off (records dropped) when disabled. A failure
 * to write the file is logged once per failure and never fails the operation it records.
 */
public class AuditTrail {

    /** The logger the JSON lines go to; route or silence it like any other category. */
    public static final String LOGGER = "coffer.audit";

    /** A trail that records nothing (tests, and the CLI, which has its own output). */
    public static final AuditTrail OFF = new AuditTrail(false, Optional.empty(), Clock.systemUTC());

    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final Logger SELF = Logger.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean enabled;
    private final Optional<Path> file;
    private final Clock clock;

    public AuditTrail(boolean enabled, Optional<Path> file, Clock clock) {
        this.enabled = enabled;
        this.file = file;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public boolean enabled() {
        return enabled;
    }

    public void record(AuditRecord r) {
        if (!enabled) {
            return;
        }
        String line = toJson(r);
        LOG.info(line);
        file.ifPresent(f -> append(f, line));
    }

    /** A Secret created, updated or deleted for a resource ({@code kind}/{@code name}). */
    public void secret(AuditRecord.Action action, String namespace, String kind, String name, String secret, String outcome) {
        record(new AuditRecord(clock.instant(), action, namespace, kind, name, null, null, null, null, secret, outcome));
    }

    /** An operation that may throw a checked exception, such as an unseal. */
    @FunctionalInterface
    public interface Operation<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs the unseal of SealedSecret {@code namespace/name} and records it, success or failure (by kind). */
    public <T, E extends Exception> T unseal(String namespace, String name, Operation<T, E> unseal) throws E {
        try {
            T result = unseal.run();
            secret(AuditRecord.Action.UNSEAL, namespace, "SealedSecret", name, name, AuditRecord.SUCCESS);
            return result;
        } catch (Exception e) {
            secret(AuditRecord.Action.UNSEAL, namespace, "SealedSecret", name, name, AuditRecord.failure(e));
            throw e;
        }
    }

    /** Runs {@code op} and hands its outcome (success, or the failure's kind) to {@code record}; a failure is rethrown. */
    static <T> T withOutcome(java.util.function.Supplier<T> op, java.util.function.Consumer<String> record) {
        try {
            T result = op.get();
            record.accept(AuditRecord.SUCCESS);
            return result;
        } catch (RuntimeException e) {
            record.accept(AuditRecord.failure(e));
            throw e;
        }
    }

    static String toJson(AuditRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", r.time().toString());
        o.put("action", r.action().name());
        o.put("namespace", r.namespace());
        o.put("kind", r.kind());
        o.put("name", r.name());
        putIfSet(o, "store", r.store());
        putIfSet(o, "remoteKey", r.remoteKey());
        putIfSet(o, "property", r.property());
        putIfSet(o, "version", r.version());
        putIfSet(o, "secret", r.secret());
        o.put("outcome", r.outcome());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record of plain strings always serializes", e);
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private synchronized void append(Path f, String line) {
        try {
            Files.writeString(f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | UncheckedIOException e) {
            SELF.warnf("could not append to the audit file %s: %s", f, e.getClass().getSimpleName());
        }
    }
}

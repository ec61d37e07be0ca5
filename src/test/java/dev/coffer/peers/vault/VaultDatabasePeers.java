package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.peers.PeerBinaries;
import dev.coffer.testsupport.peers.PostgresServer;
import dev.coffer.testsupport.peers.VaultDevServer;
import dev.coffer.testsupport.vault.VaultStores;
import io.fabric8.kubernetes.api.model.Secret;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Vault's database secrets engine issuing credentials of a real PostgreSQL: role {@code app}
 * ({@code database/creds/app}) with the given lease TTLs, and an AppRole {@code coffer} whose
 * least-privilege policy reads credentials and renews and revokes leases. Also the resources a
 * user writes to consume them: the AppRole Secret and a VaultDynamicSecret {@code db} (the
 * ExternalSecret is {@code VaultStores.dynamicSecretConsumer}).
 */
final class VaultDatabasePeers implements AutoCloseable {

    /** The prefix of the login roles Vault creates (v-approle-app-...). */
    static final String ROLE_PREFIX = "v-";

    private static final String POLICY = """
            path "database/creds/app" { capabilities = ["read"] }
            path "sys/leases/renew" { capabilities = ["update"] }
            path "sys/leases/revoke" { capabilities = ["update"] }
            """;

    final PostgresServer postgres;
    final VaultDevServer vault;
    private final String roleId;
    private final String secretId;

    private VaultDatabasePeers(PostgresServer postgres, VaultDevServer vault, String roleId, String secretId) {
        this.postgres = postgres;
        this.vault = vault;
        this.roleId = roleId;
        this.secretId = secretId;
    }

    /** Starts both (or skips the calling test, one line, when one was not built) and configures Vault. */
    static VaultDatabasePeers start(String defaultTtl, String maxTtl) {
        PeerBinaries.require("vault", "vault"); // skip before starting anything when a peer is missing
        PeerBinaries.require("postgres", "postgres");
        PostgresServer postgres = PostgresServer.start();
        VaultDevServer vault;
        try {
            vault = VaultDevServer.start();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        try {
            vault.write("sys/mounts/database", Map.of("type", "database"));
            vault.write("database/config/coffer-pg", Map.of("plugin_name", "postgresql-database-plugin",
                    "connection_url", "postgresql://{{username}}:{{password}}@127.0.0.1:" + postgres.port()
                            + "/postgres?sslmode=disable",
                    "username", PostgresServer.SUPERUSER, "password", postgres.superuserPassword(),
                    "allowed_roles", List.of("app")));
            vault.write("database/roles/app", Map.of("db_name", "coffer-pg",
                    "creation_statements", List.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}'"
                            + " VALID UNTIL '{{expiration}}';"),
                    "default_ttl", defaultTtl, "max_ttl", maxTtl));
            vault.write("sys/policies/acl/coffer-db", Map.of("policy", POLICY));
            vault.write("sys/auth/approle", Map.of("type", "approle"));
            vault.write("auth/approle/role/coffer", Map.of("token_policies", List.of("coffer-db"), "token_ttl", "24h",
                    "token_max_ttl", "48h"));
            String roleId = vault.read("auth/approle/role/coffer/role-id").path("data").path("role_id").asText();
            String secretId = vault.write("auth/approle/role/coffer/secret-id", Map.of()).path("data").path("secret_id").asText();
            return new VaultDatabasePeers(postgres, vault, roleId, secretId);
        } catch (RuntimeException e) {
            vault.close();
            postgres.close();
            throw e;
        }
    }

    /** The AppRole's secret-id as the Secret a user would create in {@code ns}. */
    Secret appRoleSecret(String ns) {
        return TestResources.secret(ns, "approle", Map.of("secret-id", secretId));
    }

    /** A VaultDynamicSecret {@code db} reading {@code database/creds/app}, logging in with the AppRole. */
    VaultDynamicSecret generator(String ns) {
        return VaultStores.databaseGenerator(ns, vault.url(), """
                appRole:
                  path: approle
                  roleId: %s
                  secretRef: {name: approle, key: secret-id}
                """.formatted(roleId));
    }

    /** Vault's own view of a lease ({@code sys/leases/lookup}): expire_time, last_renewal, ... */
    JsonNode lookup(String leaseId) {
        return vault.call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), VaultDevServer.ROOT_TOKEN).path("data");
    }

    static Instant expireTime(JsonNode lookup) {
        return Instant.parse(lookup.path("expire_time").asText());
    }

    /** Whether Vault still knows the lease (lookup answers 400 once it is revoked). */
    boolean leaseKnown(String leaseId) {
        int status = vault.send("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), VaultDevServer.ROOT_TOKEN).statusCode();
        if (status != 200 && status != 400) {
            throw new IllegalStateException("sys/leases/lookup answered " + status);
        }
        return status == 200;
    }

    /** The database users Vault created and PostgreSQL still has. */
    List<String> databaseUsers() {
        return postgres.roles(ROLE_PREFIX);
    }

    /** Logs in to PostgreSQL over TCP with a password and returns current_user. */
    String loginAs(String user, String pass) throws SQLException {
        try (Connection c = postgres.connect(user, pass); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        vault.close(); // first: Vault holds connections to PostgreSQL
        postgres.close();
    }
}

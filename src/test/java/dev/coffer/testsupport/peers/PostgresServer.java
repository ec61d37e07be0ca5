package dev.coffer.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL ({@code peers/build postgres}): a fresh cluster made by initdb in a
 * temporary folder, listening on a free loopback port only, password (SCRAM) authentication
 * for TCP, superuser {@link #SUPERUSER} with a random password. PostgreSQL refuses to run as
 * root, so under root (as on the development machines) initdb and the server run as the
 * {@code postgres} system user (else {@code nobody}) through {@code setpriv}.
 * {@link #close} stops the server and removes the folder.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final Path dir;
    private final PeerProcess daemon;
    private final int port;
    private final String password;

    private PostgresServer(Path dir, PeerProcess daemon, int port, String password) {
        this.dir = dir;
        this.daemon = daemon;
        this.port = port;
        this.password = password;
    }

    /** initdb and start, or skip the calling test (one line) when PostgreSQL was not installed. */
    public static PostgresServer start() {
        // the real paths: the cache may sit in a home folder the unprivileged user cannot enter
        Path initdb = realPath(PeerBinaries.require("postgres", "initdb"));
        Path postgres = realPath(PeerBinaries.require("postgres", "postgres"));
        Path dir = PeerProcess.tempFolder("coffer-pg-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Optional<SystemUser> user = SystemUser.whenRoot();
        List<String> asUser = user.map(SystemUser::prefix).orElse(List.of());
        try {
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            user.ifPresent(u -> u.owns(dir));
            user.ifPresent(u -> u.owns(pwfile));
            List<String> init = new ArrayList<>(asUser);
            init.addAll(List.of(initdb.toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            PeerProcess.run("initdb", init, dir, Duration.ofMinutes(3));
            Files.delete(pwfile);
        } catch (IOException e) {
            PeerProcess.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            PeerProcess.deleteTree(dir);
            throw e;
        }
        int port = PeerProcess.freePort();
        List<String> run = new ArrayList<>(asUser);
        run.addAll(List.of(postgres.toString(), "-D", dir.resolve("data").toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
                // a throw-away cluster: durability is not wanted, speed is
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        PeerProcess daemon = PeerProcess.start("postgres", run, dir, Map.of());
        PostgresServer server = new PostgresServer(dir, daemon, port, password);
        try {
            daemon.awaitReady(Duration.ofSeconds(60), () -> {
                try (Connection c = server.connect(SUPERUSER, password)) {
                    return c.isValid(2);
                }
            });
        } catch (RuntimeException e) {
            PeerProcess.deleteTree(dir);
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String superuserPassword() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable&connectTimeout=5";
    }

    /** Logs in over TCP with a password, as any client would. */
    public Connection connect(String user, String pass) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, pass);
    }

    /** The login roles whose names start with {@code prefix}, sorted (read from pg_roles as the superuser). */
    public List<String> roles(String prefix) {
        try (Connection c = connect(SUPERUSER, password);
             PreparedStatement q = c.prepareStatement("SELECT rolname FROM pg_roles WHERE rolcanlogin AND starts_with(rolname, ?) ORDER BY rolname")) {
            q.setString(1, prefix);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list roles: " + e.getMessage(), e);
        }
    }

    /** The expiry PostgreSQL holds for a role (Vault sets VALID UNTIL from the lease), if any. */
    public Optional<java.time.Instant> validUntil(String role) {
        try (Connection c = connect(SUPERUSER, password);
             PreparedStatement q = c.prepareStatement("SELECT rolvaliduntil FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, role);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(rs.getTimestamp(1).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read role " + role + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        daemon.close();
        PeerProcess.deleteTree(dir);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Under root: the system user PostgreSQL runs as (postgres, else nobody). */
    private record SystemUser(String name, String uid, String gid) {

        static Optional<SystemUser> whenRoot() {
            if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
                return Optional.empty();
            }
            return Optional.of(find("postgres").or(() -> find("nobody"))
                    .orElseThrow(() -> new IllegalStateException("running as root, and neither a postgres nor a nobody user exists")));
        }

        /** The command prefix that runs a program as this user. */
        List<String> prefix() {
            return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
        }

        void owns(Path path) {
            try {
                Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Optional<SystemUser> find(String name) {
            try {
                return Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":"))
                        .filter(f -> f.length > 3 && f[0].equals(name)).findFirst()
                        .map(f -> new SystemUser(f[0], f[2], f[3]));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}

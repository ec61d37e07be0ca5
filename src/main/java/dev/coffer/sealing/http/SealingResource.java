package dev.coffer.sealing.http;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.Rotation;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingConfig;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeyRing;
import dev.coffer.sealing.kubeseal.Documents;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.Optional;

/** What kubeseal talks to, through the API server's service proxy: cert, verify, rotate. */
@Path("/v1")
public class SealingResource {

    public static final String PEM = "application/x-pem-file";

    private final KeyRegistry keys;
    private final TokenBucket verifyLimit;

    public SealingResource(KeyRegistry keys, SealingConfig config) {
        this.keys = keys;
        this.verifyLimit = new TokenBucket(config.verifyRatePerSecond(), config.verifyBurst(), System::nanoTime);
    }

    @GET
    @Path("cert.pem")
    @Produces(PEM)
    public Response cert() {
        Optional<SealingKey> newest = keys.ring().newest();
        if (newest.isEmpty()) {
            return plain(Response.Status.SERVICE_UNAVAILABLE, "no sealing key yet");
        }
        return Response.ok(KeyPem.encode(newest.get().certificate()), PEM).build();
    }

    @POST
    @Path("verify")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(String body) {
        if (!verifyLimit.tryAcquire()) {
            return plain(Response.Status.TOO_MANY_REQUESTS, "too many verify requests, retry later");
        }
        try {
            SealedSecretUnsealer.unseal(parse(body), keys.ring().newestFirst());
            return plain(Response.Status.OK, "OK");
        } catch (IOException e) {
            return plain(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (SealingException e) {
            return plain(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @POST
    @Path("rotate")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(String body) {
        KeyRing ring = keys.ring();
        if (ring.newest().isEmpty()) {
            return plain(Response.Status.SERVICE_UNAVAILABLE, "no sealing key yet");
        }
        try {
            SealedSecret rotated = Rotation.rotate(parse(body), ring.newestFirst(), ring.newest().get());
            return Response.ok(Documents.write(rotated, false), MediaType.APPLICATION_JSON).build();
        } catch (IOException e) {
            return plain(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (SealingException e) {
            return plain(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private static SealedSecret parse(String body) throws IOException {
        SealedSecret sealed = Documents.readOne(body == null ? "" : body, "request body", SealedSecret.class);
        if (sealed.getMetadata() == null || sealed.getSpec() == null) {
            throw new IOException("request body: not a SealedSecret");
        }
        return sealed;
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}

package dev.coffer.sealing.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** kubeseal's and upstream's liveness path. */
@Path("/healthz")
public class HealthzResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ok() {
        return "ok";
    }
}

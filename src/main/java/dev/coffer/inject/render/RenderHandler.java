package dev.coffer.inject.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /inject/v1/render} on the webhook's TLS listener: the caller presents its pod's
 * projected token ({@code Authorization: Bearer}) and gets its files as JSON
 * ({@code {"files": [{"name", "fileName", "perms", "content" (base64)}]}}), or an HTTP error
 * with {@code {"error": "<one line>"}}. The request body is ignored: what is served is decided by
 * the pod's annotations alone.
 */
public final class RenderHandler implements HttpHandler {

    public static final String PATH = "/inject/v1/render";
    private static final Logger LOG = Logger.getLogger(RenderHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final RenderService service;

    public RenderHandler(RenderService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readNBytes(MAX_BODY);
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, error("not found"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
            try {
                reply(exchange, 200, files(service.render(token)));
            } catch (RenderException e) {
                reply(exchange, e.status(), error(e.getMessage()));
            } catch (RuntimeException e) {
                // one line, no stack trace, no message: it may name anything
                LOG.warnf("injection render failed: %s", e.getClass().getSimpleName());
                reply(exchange, 500, error("internal error (" + e.getClass().getSimpleName() + ")"));
            }
        }
    }

    static ObjectNode files(List<RenderedFile> files) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("files");
        for (RenderedFile f : files) {
            ObjectNode o = list.addObject().put("name", f.name()).put("fileName", f.fileName());
            if (f.perms() != null) {
                o.put("perms", f.perms());
            }
            o.put("content", Base64.getEncoder().encodeToString(f.content()));
        }
        return out;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void reply(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

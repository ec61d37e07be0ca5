package dev.coffer.cli;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded API server: Fabric8's CRUD mock, plus the one subresource providers need that it
 * lacks, TokenRequest ({@code POST .../serviceaccounts/NAME/token}). It issues opaque demo
 * tokens; nothing in the embedded API checks them.
 */
final class EmbeddedApiDispatcher extends KubernetesCrudDispatcher {

    private static final Pattern TOKEN_REQUEST = Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/?]+)/token(\\?.*)?");

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        Matcher m = TOKEN_REQUEST.matcher(request.getPath());
        if (!m.matches()) {
            return super.handleCreate(request);
        }
        TokenRequest asked = Serialization.unmarshal(request.getUtf8Body(), TokenRequest.class);
        long seconds = asked.getSpec() != null && asked.getSpec().getExpirationSeconds() != null
                ? asked.getSpec().getExpirationSeconds() : 3600;
        TokenRequest answer = new TokenRequestBuilder(asked)
                .editOrNewMetadata().withNamespace(m.group(1)).withName(m.group(2)).endMetadata()
                .withNewStatus().withToken("embedded-" + UUID.randomUUID())
                .withExpirationTimestamp(Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString())
                .endStatus().build();
        return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(answer));
    }
}

package dev.coffer.provider.gcp;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.gcp.GcpTestStores;
import io.grpc.ManagedChannel;
import io.grpc.auth.MoreCallCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quarkus BOM pins gRPC and google-http-client to versions Google's libraries-bom does not
 * choose (see pom.xml). Google does not test that mix, so this test catches a break: every gRPC
 * module, and every google-http-client module, on the classpath is of one version, and the SDK
 * completes a round trip that crosses all of them (TLS channel, call credentials from a
 * JWT-bearer token over google-http-client, protobuf marshalling, paging).
 */
class GcpSdkMixTest {

    private static final Pattern VERSIONED_JAR = Pattern.compile(".*/([a-z0-9-]+)-(\\d+\\.\\d+\\.\\d+[^/]*)\\.jar$");

    @Test
    void oneVersionOfGrpcAndOfGoogleHttpClient() {
        Map<String, String> grpc = versions(ManagedChannel.class, NettyChannelBuilder.class, ProtoUtils.class,
                ClientCalls.class, MoreCallCredentials.class, io.grpc.internal.GrpcUtil.class);
        assertThat(grpc).as("gRPC modules").hasSizeGreaterThanOrEqualTo(5);
        assertThat(grpc.values().stream().distinct()).as("one gRPC version: %s", grpc).hasSize(1);

        Map<String, String> http = versions(HttpTransport.class, GsonFactory.class);
        assertThat(http).hasSize(2);
        assertThat(http.values().stream().distinct()).as("one google-http-client version: %s", http).hasSize(1);
        assertThat(versions(GrpcTransportChannel.class, SecretManagerServiceClient.class)).hasSize(2);
    }

    @Test
    void aRoundTripCrossesEveryPartOfTheMix() {
        try (GcpTestStores t = new GcpTestStores()) {
            for (int i = 0; i < 3; i++) {
                t.sm.addVersion(PROJECT, "mix-" + i, "{\"n\":" + i + "}");
            }
            try (SecretsClient client = t.client(GcpTestStores.block())) {
                assertThat(utf8(client.getSecret(ref("mix-2", "n", null)))).isEqualTo("2");
                ExternalSecretFind find = new ExternalSecretFind();
                find.name = new FindName();
                find.name.regexp = "mix-";
                assertThat(client.getAllSecrets(find)).hasSize(3);
            }
            assertThat(t.tokens.requests("/token")).hasSize(1);
        }
    }

    /** artifact → version, from the jars the classes were loaded from (Maven's repository layout). */
    private static Map<String, String> versions(Class<?>... classes) {
        Map<String, String> out = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Class<?> c : classes) {
            String location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
            Matcher m = VERSIONED_JAR.matcher(location);
            if (m.matches()) {
                out.put(m.group(1), m.group(2));
            } else {
                unknown.add(location);
            }
        }
        assertThat(unknown).as("classes loaded from versioned jars").isEmpty();
        return out;
    }
}

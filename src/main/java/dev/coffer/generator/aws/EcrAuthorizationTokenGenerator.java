package dev.coffer.generator.aws;

import dev.coffer.api.generators.v1alpha1.ECRAuthorizationTokenSpec;
import dev.coffer.generator.Generated;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsSession;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECRAuthorizationToken generator: ECR GetAuthorizationToken as the identity the auth block
 * gives. The token is base64 of "user:password"; the outputs are upstream's {@code username},
 * {@code password}, {@code proxy_endpoint} and {@code expires_at} (Unix seconds).
 * {@code scope: public} (ECR Public) is refused with a clear message: the SDK's ECR Public
 * module is not served at the SDK version Coffer pins.
 */
public final class EcrAuthorizationTokenGenerator implements Generator {

    private final AwsOptions options;

    public EcrAuthorizationTokenGenerator() {
        this(AwsOptions.defaults());
    }

    /** For tests: endpoints and retries of their own. */
    public EcrAuthorizationTokenGenerator(AwsOptions options) {
        this.options = options;
    }

    @Override
    public String kind() {
        return "ECRAuthorizationToken";
    }

    @Override
    public Generated generate(ResolvedGenerator g, GeneratorContext ctx) {
        ECRAuthorizationTokenSpec spec = g.spec() == null ? new ECRAuthorizationTokenSpec() : g.spec(ECRAuthorizationTokenSpec.class); // no region: a clear error below
        String what = g.describe(ctx.namespace());
        if ("public".equals(spec.scope)) {
            throw ProviderException.invalidConfig(what + ": scope \"public\" (ECR Public) is not supported by Coffer yet");
        }
        try (AwsSession aws = AwsGeneratorSessions.open(g, ctx, spec.region, spec.auth, spec.role, options)) {
            List<AuthorizationData> data = aws.call("GetAuthorizationToken", what,
                    () -> aws.ecr().getAuthorizationToken(GetAuthorizationTokenRequest.builder().build())).authorizationData();
            if (data == null || data.size() != 1) {
                throw ProviderException.missingValue("GetAuthorizationToken for " + what + " answered "
                        + (data == null ? 0 : data.size()) + " tokens, expected 1");
            }
            return Generated.of(values(data.get(0), what));
        }
    }

    static Map<String, byte[]> values(AuthorizationData d, String what) {
        String[] parts = decode(d.authorizationToken(), what).split(":", -1);
        if (parts.length != 2) {
            throw ProviderException.missingValue("GetAuthorizationToken for " + what + " answered a token that is not user:password");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("username", utf8(parts[0]));
        out.put("password", utf8(parts[1]));
        out.put("proxy_endpoint", utf8(d.proxyEndpoint()));
        out.put("expires_at", utf8(d.expiresAt() == null ? "" : Long.toString(d.expiresAt().getEpochSecond())));
        return out;
    }

    private static String decode(String token, String what) {
        try {
            return new String(Base64.getDecoder().decode(token == null ? "" : token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProviderException.missingValue("GetAuthorizationToken for " + what + " answered a token that is not base64");
        }
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}

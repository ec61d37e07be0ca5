package dev.coffer.generator.aws;

import dev.coffer.api.generators.v1alpha1.STSSessionTokenRequestParameters;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenSpec;
import dev.coffer.generator.Generated;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsSession;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The STSSessionToken generator: STS GetSessionToken (with the optional duration and MFA serial
 * and code) as the identity the auth block gives, returning upstream's keys
 * {@code access_key_id}, {@code secret_access_key}, {@code session_token} and
 * {@code expiration} (Unix seconds).
 */
public final class StsSessionTokenGenerator implements Generator {

    private final AwsOptions options;

    public StsSessionTokenGenerator() {
        this(AwsOptions.defaults());
    }

    /** For tests: endpoints and retries of their own. */
    public StsSessionTokenGenerator(AwsOptions options) {
        this.options = options;
    }

    @Override
    public String kind() {
        return "STSSessionToken";
    }

    @Override
    public Generated generate(ResolvedGenerator g, GeneratorContext ctx) {
        STSSessionTokenSpec spec = g.spec() == null ? new STSSessionTokenSpec() : g.spec(STSSessionTokenSpec.class); // no region: a clear error below
        String what = g.describe(ctx.namespace());
        GetSessionTokenRequest request = request(spec.requestParameters);
        try (AwsSession aws = AwsGeneratorSessions.open(g, ctx, spec.region, spec.auth, spec.role, options)) {
            Credentials c = aws.call("GetSessionToken", what, () -> aws.sts().getSessionToken(request)).credentials();
            if (c == null) {
                throw ProviderException.missingValue("GetSessionToken for " + what + " answered without credentials");
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put("access_key_id", utf8(c.accessKeyId()));
            out.put("secret_access_key", utf8(c.secretAccessKey()));
            out.put("session_token", utf8(c.sessionToken()));
            out.put("expiration", utf8(c.expiration() == null ? "" : Long.toString(c.expiration().getEpochSecond())));
            return Generated.of(out);
        }
    }

    static GetSessionTokenRequest request(STSSessionTokenRequestParameters p) {
        GetSessionTokenRequest.Builder b = GetSessionTokenRequest.builder();
        if (p != null) {
            b.durationSeconds(p.sessionDuration);
            b.serialNumber(blankToNull(p.serialNumber));
            b.tokenCode(blankToNull(p.tokenCode));
        }
        return b.build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}

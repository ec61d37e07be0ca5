package dev.coffer.testsupport.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 Authorization header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=..., Signature=...}.
 */
record SigV4Scope(String accessKeyId, String date, String region, String service, String signedHeaders, String signature) {

    private static final Pattern HEADER = Pattern.compile(
            "^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})$");

    /** The scope, or null if the header is absent or not SigV4. */
    static SigV4Scope parse(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = HEADER.matcher(authorization.trim());
        if (!m.matches()) {
            return null;
        }
        return new SigV4Scope(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
    }
}

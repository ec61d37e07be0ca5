package dev.coffer.testsupport.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STS side of {@link FakeAws}: roles that may be assumed (optionally only by one principal,
 * optionally only with an external id) and web-identity tokens it accepts. Issued credentials
 * last {@link #credentialLifetime} and are accepted by the whole fake endpoint. GetSessionToken
 * hands the caller credentials of its own for the asked duration.
 */
public final class FakeSts {

    private final FakeAws aws;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final List<String> tokensSeen = new ArrayList<>();
    private volatile Duration lifetime = Duration.ofHours(1);

    private record Role(String trustedPrincipal, String externalId) {
    }

    FakeSts(FakeAws aws) {
        this.aws = aws;
    }

    /**
     * A role that may be assumed.
     *
     * @param trustedPrincipal who may assume it (a key id or role ARN); null: anyone signed, "web-identity": by token
     * @param externalId       required external id, or null
     */
    public void role(String arn, String trustedPrincipal, String externalId) {
        roles.put(arn, new Role(trustedPrincipal, externalId));
    }

    public void credentialLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public List<String> tokensSeen() {
        synchronized (tokensSeen) {
            return List.copyOf(tokensSeen);
        }
    }

    String handle(String operation, Map<String, String> form, String caller) {
        return switch (operation) {
            case "AssumeRole" -> assume(operation, form, caller);
            case "AssumeRoleWithWebIdentity" -> {
                String token = form.get("WebIdentityToken");
                if (token == null || token.isEmpty()) {
                    throw new AwsError(400, "InvalidIdentityToken", "no token");
                }
                synchronized (tokensSeen) {
                    tokensSeen.add(token);
                }
                yield assume(operation, form, "web-identity");
            }
            case "GetSessionToken" -> sessionToken(form, caller);
            default -> throw new AwsError(400, "InvalidAction", operation);
        };
    }

    /** Temporary credentials of the caller itself; an MFA serial needs a code, as AWS requires. */
    private String sessionToken(Map<String, String> form, String caller) {
        long seconds = Long.parseLong(form.getOrDefault("DurationSeconds", "43200"));
        if (seconds < 900 || seconds > 129600) {
            throw new AwsError(400, "ValidationError", "DurationSeconds out of range");
        }
        if (form.containsKey("SerialNumber") != form.containsKey("TokenCode")) {
            throw new AwsError(403, "AccessDenied", "MultiFactorAuthentication failed");
        }
        String[] creds = aws.issue(caller);
        Instant expires = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        return "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetSessionTokenResult>"
                + "<Credentials><AccessKeyId>" + creds[0] + "</AccessKeyId><SecretAccessKey>" + creds[1]
                + "</SecretAccessKey><SessionToken>" + creds[2] + "</SessionToken><Expiration>" + expires
                + "</Expiration></Credentials></GetSessionTokenResult>"
                + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetSessionTokenResponse>";
    }

    private String assume(String operation, Map<String, String> form, String caller) {
        String arn = form.get("RoleArn");
        Role role = roles.get(arn);
        if (role == null || (role.trustedPrincipal() != null && !role.trustedPrincipal().equals(caller))) {
            throw new AwsError(403, "AccessDenied", "not authorized to perform sts:" + operation);
        }
        if (role.externalId() != null && !role.externalId().equals(form.get("ExternalId"))) {
            throw new AwsError(403, "AccessDenied", "not authorized to perform sts:AssumeRole (external id)");
        }
        String[] creds = aws.issue(arn);
        Instant expires = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        String result = operation + "Result";
        return "<" + operation + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + result + ">"
                + "<Credentials><AccessKeyId>" + creds[0] + "</AccessKeyId><SecretAccessKey>" + creds[1]
                + "</SecretAccessKey><SessionToken>" + creds[2] + "</SessionToken><Expiration>" + expires
                + "</Expiration></Credentials><AssumedRoleUser><Arn>" + arn + "/coffer</Arn>"
                + "<AssumedRoleId>AROAFAKE:coffer</AssumedRoleId></AssumedRoleUser></" + result + ">"
                + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></" + operation + "Response>";
    }
}

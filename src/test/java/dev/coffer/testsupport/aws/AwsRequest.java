package dev.coffer.testsupport.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One request the fake AWS endpoint received.
 *
 * @param service     the service it addressed: secretsmanager, ssm, sts or ecr
 * @param operation   e.g. GetSecretValue, AssumeRole
 * @param accessKeyId the access key it was signed with, null when unsigned
 * @param principal   who that key belongs to: a static key id or the assumed role ARN
 * @param json        the JSON body (JSON 1.1 services), else null
 * @param form        the form parameters (STS query protocol), else empty
 */
public record AwsRequest(String service, String operation, String accessKeyId, String principal,
                         JsonNode json, Map<String, String> form) {
}

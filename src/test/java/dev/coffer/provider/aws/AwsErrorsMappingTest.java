package dev.coffer.provider.aws;

import dev.coffer.provider.ProviderException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that are hard to provoke against a local endpoint, mapped directly. */
class AwsErrorsMappingTest {

    @Test
    void anEmptyDefaultChainSaysWhereCredentialsComeFrom() {
        SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        ProviderException p = AwsErrors.map(e, "GetSecretValue", "secret \"x\"", "eu-west-1");
        assertThat(p.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        assertThat(p.getMessage()).contains("no AWS credentials found").contains("spec.provider.aws.auth");
    }

    @Test
    void anUnresolvableHostNamesTheRegion() {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request", new UnknownHostException("h"));
        ProviderException p = AwsErrors.map(e, "GetParameter", "parameter \"/x\"", "eu-mars-1");
        assertThat(p.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        assertThat(p.getMessage()).contains("region \"eu-mars-1\"");
    }

    @Test
    void aTypedErrorRaisedInsideCredentialResolutionIsKept() {
        ProviderException inner = ProviderException.accessDenied("AssumeRole for role \"r\" was denied (AccessDenied)");
        ProviderException p = AwsErrors.map(SdkClientException.create("wrapped", inner), "GetSecretValue", "secret \"x\"", "r");
        assertThat(p).isSameAs(inner);
    }
}

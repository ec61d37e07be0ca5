package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The key the SSHKey generator makes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SSHKeySpec {

    /** rsa (default), ecdsa or ed25519. */
    @Default("rsa")
    public SSHKeyType keyType;

    /** RSA modulus bits (2048 when omitted) or ECDSA curve size (256, 384, 521; 256 when omitted); ignored for ed25519. */
    @Min(256)
    @Max(8192)
    public Integer keySize;

    /** The comment at the end of the public key line. */
    public String comment;
}

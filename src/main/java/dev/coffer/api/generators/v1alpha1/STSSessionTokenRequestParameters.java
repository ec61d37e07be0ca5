package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The GetSessionToken parameters; all optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class STSSessionTokenRequestParameters {

    /** Seconds the credentials last (AWS: 900 to 129600, 43200 by default). */
    public Integer sessionDuration;

    /** The MFA device's serial number or ARN, when MFA is required. */
    public String serialNumber;

    /** The current code of that MFA device. */
    public String tokenCode;
}

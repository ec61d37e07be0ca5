package dev.coffer.provider.azure;

import dev.coffer.api.externalsecrets.v1.providers.AzureCustomCloudConfig;
import dev.coffer.api.externalsecrets.v1.providers.AzureEnvironmentType;
import dev.coffer.api.externalsecrets.v1.providers.AzureKvProvider;

/**
 * The Entra ID authority of an Azure cloud, as upstream picks it from {@code environmentType},
 * or from {@code customCloudConfig.activeDirectoryEndpoint} when that is set (required for
 * AzureStackCloud). Key Vault's token scope needs no table: the SDK takes it from the vault's 401
 * challenge.
 *
 * @param authorityHost the authority, ending in a slash
 * @param known         whether it is one of Microsoft's public authorities; MSAL's instance
 *                      discovery only knows those, so it is disabled for any other
 */
record AzureCloud(String authorityHost, boolean known) {

    static AzureCloud of(AzureKvProvider block) {
        AzureCustomCloudConfig custom = block.customCloudConfig;
        if (custom != null && custom.activeDirectoryEndpoint != null && !custom.activeDirectoryEndpoint.isBlank()) {
            String host = slash(custom.activeDirectoryEndpoint.trim());
            return new AzureCloud(host, isKnown(host));
        }
        AzureEnvironmentType type = block.environmentType == null ? AzureEnvironmentType.PublicCloud : block.environmentType;
        return switch (type) {
            case USGovernmentCloud -> new AzureCloud("https://login.microsoftonline.us/", true);
            case ChinaCloud -> new AzureCloud("https://login.chinacloudapi.cn/", true);
            case GermanCloud -> new AzureCloud("https://login.microsoftonline.de/", true);
            // Validation requires customCloudConfig for AzureStackCloud, so this is not reached.
            case AzureStackCloud, PublicCloud -> new AzureCloud("https://login.microsoftonline.com/", true);
        };
    }

    private static boolean isKnown(String host) {
        return host.equals("https://login.microsoftonline.com/") || host.equals("https://login.microsoftonline.us/")
                || host.equals("https://login.chinacloudapi.cn/") || host.equals("https://login.microsoftonline.de/");
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}

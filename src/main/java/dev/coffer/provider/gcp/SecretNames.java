package dev.coffer.provider.gcp;

/**
 * Secret Manager resource names of one store: global ({@code projects/P/secrets/S}) or, with a
 * location, regional ({@code projects/P/locations/L/secrets/S}).
 */
record SecretNames(String project, String location) {

    SecretNames {
        location = location == null || location.isBlank() ? null : location;
    }

    /** Where secrets are listed. */
    String parent() {
        return location == null ? "projects/" + project : "projects/" + project + "/locations/" + location;
    }

    String secret(String key) {
        return parent() + "/secrets/" + key;
    }

    String version(String key, String version) {
        return secret(key) + "/versions/" + version;
    }

    /**
     * The short name of a listed secret. The API answers with the project number where the
     * request named the project id, so the prefix is cut at {@code /secrets/}, not matched.
     */
    static String shortName(String fullName) {
        int at = fullName.indexOf("/secrets/");
        return at < 0 ? fullName : fullName.substring(at + "/secrets/".length());
    }

    /** Google's endpoint for this store: the regional one for regional secrets. */
    String defaultEndpoint() {
        return location == null ? "secretmanager.googleapis.com:443"
                : "secretmanager." + location + ".rep.googleapis.com:443";
    }
}

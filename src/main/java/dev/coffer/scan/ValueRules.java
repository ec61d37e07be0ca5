package dev.coffer.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a value look like a credential: AWS access key ids, private keys, JWTs, tokens with
 * well-known prefixes, URLs with a password, and long strings of high entropy. Certificates (PEM
 * or base64 of PEM, under any key) and values under certificate keys are public and never match;
 * hex digests and UUIDs stay below the entropy threshold by construction (at most 4 bits a character).
 */
public final class ValueRules {

    /** Bits per character above which a long token counts as random (base64 of random bytes is about 5 or more). */
    public static final double DEFAULT_ENTROPY = 4.5;
    static final int MIN_ENTROPY_LENGTH = 24;

    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("private-key", Pattern.compile("-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----"));
        PATTERNS.put("aws-access-key-id", Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"));
        PATTERNS.put("jwt", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));
        PATTERNS.put("token-prefix", Pattern.compile("(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}"
                + "|xox[abprs]-[A-Za-z0-9-]{10,}|(sk|rk)_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}"
                + "|dp\\.(st|pt|sa|ct|scim|audit)\\.[A-Za-z0-9._-]{20,}|npm_[A-Za-z0-9]{36}|hvs\\.[A-Za-z0-9_-]{24,}"
                + "|SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})"));
        PATTERNS.put("password-in-url", Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"));
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]+");
    private static final Set<String> CERTIFICATE_KEYS = Set.of("cabundle", "ca.crt", "tls.crt", "certificate", "cert", "ca", "ca.pem", "cert.pem");

    private ValueRules() {
    }

    /** The rule a value breaks, if any; {@code keyName} is the last key of its path. */
    public static Optional<String> match(String keyName, String value, double entropyThreshold) {
        if (value == null || value.isEmpty() || CERTIFICATE_KEYS.contains(keyName.toLowerCase(Locale.ROOT))
                || isCertificate(value)) {
            return Optional.empty();
        }
        for (Map.Entry<String, Pattern> rule : PATTERNS.entrySet()) {
            if (rule.getValue().matcher(value).find()) {
                return Optional.of(rule.getKey());
            }
        }
        String trimmed = value.trim();
        if (trimmed.length() >= MIN_ENTROPY_LENGTH && TOKEN.matcher(trimmed).matches() && mixed(trimmed)
                && entropy(trimmed) >= entropyThreshold) {
            return Optional.of("high-entropy");
        }
        return Optional.empty();
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        Map<Character, Integer> counts = new LinkedHashMap<>();
        for (char c : s.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    private static boolean mixed(String s) {
        return s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter);
    }

    private static boolean isCertificate(String value) {
        if (value.contains("-----BEGIN CERTIFICATE-----")) {
            return true;
        }
        String compact = value.replaceAll("\\s", "");
        if (compact.startsWith("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t")) {
            try {
                return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8).contains("-----BEGIN CERTIFICATE-----");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}

package dev.coffer.sealing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** The sealing scope: which part of a SealedSecret's identity is bound into the RSA-OAEP label. */
public enum Scope {
    STRICT("strict"),
    NAMESPACE_WIDE("namespace-wide"),
    CLUSTER_WIDE("cluster-wide");

    public static final String NAMESPACE_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/namespace-wide";
    public static final String CLUSTER_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/cluster-wide";

    private final String flag;

    Scope(String flag) {
        this.flag = flag;
    }

    /** The word kubeseal's {@code --scope} takes. */
    public String flag() {
        return flag;
    }

    /** The label L of the spec: {@code ns/name}, {@code ns} or empty. */
    public byte[] label(String namespace, String name) {
        String label = switch (this) {
            case STRICT -> nullToEmpty(namespace) + "/" + nullToEmpty(name);
            case NAMESPACE_WIDE -> nullToEmpty(namespace);
            case CLUSTER_WIDE -> "";
        };
        return label.getBytes(StandardCharsets.UTF_8);
    }

    /** The scope a SealedSecret (or a Secret being sealed) declares by annotation; cluster-wide wins. */
    public static Scope fromAnnotations(Map<String, String> annotations) {
        if (annotations == null) {
            return STRICT;
        }
        if ("true".equals(annotations.get(CLUSTER_WIDE_ANNOTATION))) {
            return CLUSTER_WIDE;
        }
        if ("true".equals(annotations.get(NAMESPACE_WIDE_ANNOTATION))) {
            return NAMESPACE_WIDE;
        }
        return STRICT;
    }

    /** The annotation that declares this scope, or null for strict. */
    public String annotation() {
        return switch (this) {
            case STRICT -> null;
            case NAMESPACE_WIDE -> NAMESPACE_WIDE_ANNOTATION;
            case CLUSTER_WIDE -> CLUSTER_WIDE_ANNOTATION;
        };
    }

    public static Scope fromFlag(String flag) {
        for (Scope s : values()) {
            if (s.flag.equals(flag.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + flag + "' (use strict, namespace-wide or cluster-wide)");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

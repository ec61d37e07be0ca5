package dev.coffer.sync;

import dev.coffer.gocompat.GoDuration;
import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.gocompat.GoRegexp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks upstream's admission webhook makes, and the ones that would otherwise fail deep in
 * a sync (intervals, regular expressions). Pure: a spec in, an {@link InvalidSpecException} out.
 */
public final class ExternalSecretValidator {

    private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

    private ExternalSecretValidator() {
    }

    public static void validate(ExternalSecretSpec spec) {
        if (spec == null) {
            throw new InvalidSpecException("spec is required");
        }
        boolean noData = spec.data == null || spec.data.isEmpty();
        boolean noDataFrom = spec.dataFrom == null || spec.dataFrom.isEmpty();
        boolean templateOnly = spec.target != null && spec.target.template != null;
        if (noData && noDataFrom && !templateOnly) {
            throw new InvalidSpecException("either data or dataFrom should be specified");
        }
        CreationPolicy creation = Policies.creation(spec);
        DeletionPolicy deletion = Policies.deletion(spec);
        // As upstream's webhook: Delete would delete a Secret someone else made (Orphan is accepted;
        // deleting its Secret is then refused at sync time, as upstream does).
        if (deletion == DeletionPolicy.Delete && (creation == CreationPolicy.Merge || creation == CreationPolicy.None
                || creation == CreationPolicy.CreateOrMerge)) {
            throw new InvalidSpecException("deletionPolicy=Delete must not be used with creationPolicy=" + creation
                    + ": the controller does not own the secret. Please set creationPolicy=Owner");
        }
        if (deletion == DeletionPolicy.Merge && creation == CreationPolicy.None) {
            throw new InvalidSpecException("deletionPolicy=Merge must not be used with creationPolicy=None."
                    + " There is no Secret to merge with");
        }
        if (spec.refreshInterval != null) {
            try {
                GoDuration.parse(spec.refreshInterval);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("spec.refreshInterval: " + e.getMessage());
            }
        }
        validateData(spec.data);
        validateDataFrom(spec.dataFrom);
    }

    private static void validateData(List<ExternalSecretData> data) {
        if (data == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            ExternalSecretData d = data.get(i);
            String where = "spec.data[" + i + "]";
            if (d == null || d.secretKey == null || !SECRET_KEY.matcher(d.secretKey).matches()) {
                throw new InvalidSpecException(where + ".secretKey must be a valid Secret key (^[-._a-zA-Z0-9]+$)");
            }
            if (!seen.add(d.secretKey)) {
                throw new InvalidSpecException("duplicate secretKey \"" + d.secretKey + "\" in spec.data");
            }
            boolean generator = d.sourceRef != null && d.sourceRef.generatorRef != null;
            if (!generator && (d.remoteRef == null || d.remoteRef.key == null || d.remoteRef.key.isEmpty())) {
                throw new InvalidSpecException(where + ".remoteRef.key is required");
            }
        }
    }

    private static void validateDataFrom(List<ExternalSecretDataFromRemoteRef> dataFrom) {
        if (dataFrom == null) {
            return;
        }
        for (int i = 0; i < dataFrom.size(); i++) {
            ExternalSecretDataFromRemoteRef d = dataFrom.get(i);
            String where = "spec.dataFrom[" + i + "]";
            boolean generator = d != null && d.sourceRef != null && d.sourceRef.generatorRef != null;
            int set = d == null ? 0 : (d.extract != null ? 1 : 0) + (d.find != null ? 1 : 0);
            if (!generator && set != 1) {
                throw new InvalidSpecException(where + " must set exactly one of extract, find or sourceRef.generatorRef");
            }
            if (d.extract != null && (d.extract.key == null || d.extract.key.isEmpty())) {
                throw new InvalidSpecException(where + ".extract.key is required");
            }
            if (d.find != null && d.find.name != null && d.find.name.regexp != null) {
                compile(d.find.name.regexp, where + ".find.name.regexp");
            }
            if (d.rewrite != null) {
                for (int r = 0; r < d.rewrite.size(); r++) {
                    ExternalSecretRewrite rw = d.rewrite.get(r);
                    String rwhere = where + ".rewrite[" + r + "]";
                    int kinds = rw == null ? 0 : (rw.regexp != null ? 1 : 0) + (rw.transform != null ? 1 : 0) + (rw.merge != null ? 1 : 0);
                    if (kinds != 1) {
                        throw new InvalidSpecException(rwhere + " must set exactly one of regexp, transform or merge");
                    }
                    if (rw.regexp != null) {
                        compile(rw.regexp.source, rwhere + ".regexp.source");
                    }
                }
            }
        }
    }

    /** Compiles a regexp of the spec as Go's regexp package does (RE2), so that what upstream accepts works. */
    static GoRegexp compile(String regexp, String where) {
        if (regexp == null) {
            throw new InvalidSpecException(where + " is required");
        }
        try {
            return GoRegexp.compile(regexp);
        } catch (GoRegexp.InvalidRegexpException e) {
            throw new InvalidSpecException(where + " is not a valid regular expression: " + e.getMessage());
        }
    }
}

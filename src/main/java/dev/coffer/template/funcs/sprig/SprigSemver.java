package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;

/** semver (parse a version) and semverCompare (check a version against a constraint). */
public final class SprigSemver {
    private SprigSemver() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("semver", a -> version(GoValues.str(a[0])), STRING);
        r.add("semverCompare", a -> SemverConstraints.parse(GoValues.str(a[0])).check(version(GoValues.str(a[1]))),
                STRING, STRING);
    }

    private static SemverVersion version(String v) throws FunctionException {
        SemverVersion parsed = SemverVersion.parse(v);
        if (parsed == null) {
            throw new FunctionException("Invalid Semantic Version");
        }
        return parsed;
    }
}

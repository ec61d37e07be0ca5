package dev.coffer.template;

import dev.coffer.template.funcs.BuiltinFunctions;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.eso.EsoJwkFunctions;
import dev.coffer.template.funcs.eso.EsoPemFunctions;
import dev.coffer.template.funcs.eso.EsoPkcs12Functions;
import dev.coffer.template.funcs.eso.EsoRsaFunctions;
import dev.coffer.template.funcs.eso.EsoYamlFunctions;
import dev.coffer.template.funcs.sprig.SprigCrypto;
import dev.coffer.template.funcs.sprig.SprigDates;
import dev.coffer.template.funcs.sprig.SprigDefaults;
import dev.coffer.template.funcs.sprig.SprigDicts;
import dev.coffer.template.funcs.sprig.SprigEncoding;
import dev.coffer.template.funcs.sprig.SprigJson;
import dev.coffer.template.funcs.sprig.SprigLists;
import dev.coffer.template.funcs.sprig.SprigMath;
import dev.coffer.template.funcs.sprig.SprigNumbers;
import dev.coffer.template.funcs.sprig.SprigPaths;
import dev.coffer.template.funcs.sprig.SprigRandom;
import dev.coffer.template.funcs.sprig.SprigRegex;
import dev.coffer.template.funcs.sprig.SprigSemver;
import dev.coffer.template.funcs.sprig.SprigStringLists;
import dev.coffer.template.funcs.sprig.SprigStrings;
import dev.coffer.template.funcs.sprig.SprigUrls;

/**
 * The function set ESO offers to {@code target.template}: Go's builtins, sprig v3 and the
 * external-secrets extras (pkcs12*, *ToPkcs12*, filterPEM, filterCertChain, certSANs, jwk*PEM,
 * toYaml, fromYaml, rsaDecrypt). Built once; immutable and shared.
 *
 * <p>Left out on purpose:
 * <ul>
 *   <li>{@code env}, {@code expandenv}: ESO removes them too; templates must not read the operator's environment.</li>
 *   <li>{@code getHostByName}: would reach DNS from a template.</li>
 *   <li>{@code call}: templates never receive function values here.</li>
 * </ul>
 * Added beyond ESO: Helm's {@code fromJsonArray}. No function touches files, the network or the environment.
 */
public final class EsoFunctionSet {
    private static final FunctionRegistry STANDARD = build();

    private EsoFunctionSet() {
    }

    public static FunctionRegistry standard() {
        return STANDARD;
    }

    /**
     * The standard functions plus a caller's own (Coffer's agent adds consul-template's
     * {@code secret}); a new registry each call, so the extras may be bound to one execution.
     */
    public static FunctionRegistry standardWith(java.util.function.Consumer<FunctionRegistry.Builder> extra) {
        FunctionRegistry.Builder b = standardBuilder();
        extra.accept(b);
        return b.build();
    }

    private static FunctionRegistry build() {
        return standardBuilder().build();
    }

    private static FunctionRegistry.Builder standardBuilder() {
        FunctionRegistry.Builder b = FunctionRegistry.builder();
        BuiltinFunctions.register(b);
        // sprig's functions take precedence over the builtins, as Funcs() does in Go (it replaces slice)
        SprigStrings.register(b);
        SprigRegex.register(b);
        SprigStringLists.register(b);
        SprigNumbers.register(b);
        SprigMath.register(b);
        SprigLists.register(b);
        SprigDicts.register(b);
        SprigDefaults.register(b);
        SprigJson.register(b);
        SprigEncoding.register(b);
        SprigPaths.register(b);
        SprigUrls.register(b);
        SprigRandom.register(b);
        SprigDates.register(b);
        SprigSemver.register(b);
        SprigCrypto.register(b);
        // external-secrets' own functions (pkg/template/v2)
        EsoPkcs12Functions.register(b);
        EsoPemFunctions.register(b);
        EsoJwkFunctions.register(b);
        EsoYamlFunctions.register(b);
        EsoRsaFunctions.register(b);
        return b;
    }
}

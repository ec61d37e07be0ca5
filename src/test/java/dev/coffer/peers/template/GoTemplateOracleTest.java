package dev.coffer.peers.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.template.ConformanceTables;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import dev.coffer.testsupport.peers.PeerBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the template conformance tables, rendered by Go itself (the template oracle: Go's
 * text/template, missingkey=error, ESO v0.16.2's function map with sprig v3.3.0) and by Coffer's
 * engine. Outputs must be equal byte for byte; where either fails, both must fail. Cases marked
 * non-deterministic ({@code expectPattern}) are judged by that pattern on both sides; cases with a
 * {@code knownDifference} (listed in README) and cases using functions ESO added after v0.16.2 are
 * reported as skipped, with the reason.
 */
@Tag("peers")
class GoTemplateOracleTest {
    /**
     * Functions that ESO added after v0.16.2 (the newest version whose template package can be
     * built from the Go module proxy): the oracle does not know them, so cases using them are
     * reported as skipped rather than judged.
     */
    static final Set<String> NEWER_THAN_ORACLE = Set.of("certSANs", "rsaDecrypt", "hexdec",
            "pemTruststoreToPKCS12", "pemTruststoreToPKCS12Pass");

    private static final Pattern UNDEFINED = Pattern.compile("function \"([^\"]+)\" not defined");

    /** {@code sameError}: both failed with the very same message (informational: only failing is required). */
    record Verdict(ConformanceTables.Case c, String unjudged, String difference, boolean sameError) {
        Verdict(ConformanceTables.Case c, String unjudged, String difference) {
            this(c, unjudged, difference, false);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceCaseRendersAsGoDoes() throws Exception {
        Path source = PeerBinaries.repoRoot().resolve("src/test/go/template-oracle");
        Path oracle = PeerBinaries.require("template-oracle", PeerBinaries.sourceTreeHash(source), "template-oracle");
        List<ConformanceTables.Case> cases = ConformanceTables.all();
        List<GoTemplateOracle.Result> go = GoTemplateOracle.run(oracle, cases);

        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            verdicts.add(judge(cases.get(i), go.get(i)));
        }
        long unjudged = verdicts.stream().filter(v -> v.unjudged() != null).count();
        long differing = verdicts.stream().filter(v -> v.difference() != null).count();
        System.err.printf("template oracle: %d cases, %d compared with Go, %d differ, %d not judged (known differences,"
                + " or functions newer than the oracle's ESO)%n", cases.size(), cases.size() - unjudged, differing, unjudged);
        long bothFail = java.util.stream.IntStream.range(0, cases.size()).filter(i -> verdicts.get(i).unjudged() == null
                && verdicts.get(i).difference() == null && go.get(i).failed()).count();
        System.err.printf("template oracle: %d of %d cases where both fail have the very same error message%n",
                verdicts.stream().filter(Verdict::sameError).count(), bothFail);
        verdicts.stream().filter(v -> v.difference() != null)
                .forEach(v -> System.err.println("  differs: " + v.c() + ": " + v.difference()));

        return verdicts.stream().map(v -> DynamicTest.dynamicTest(v.c().toString(), () -> {
            Assumptions.assumeTrue(v.unjudged() == null, () -> "not judged by Go: " + v.unjudged());
            assertThat(v.difference()).as("Coffer vs Go").isNull();
        }));
    }

    private static Verdict judge(ConformanceTables.Case c, GoTemplateOracle.Result go) {
        byte[] coffer = null;
        String cofferError = null;
        try {
            coffer = GoTemplate.parse("t", c.template()).executeBytes(c.data());
        } catch (TemplateException e) {
            cofferError = e.getMessage();
        }
        if (c.knownDifference() != null) {
            return new Verdict(c, "known difference: " + c.knownDifference(), null);
        }
        if (go.failed()) {
            Matcher undefined = UNDEFINED.matcher(go.error());
            if (undefined.find() && NEWER_THAN_ORACLE.contains(undefined.group(1))) {
                return new Verdict(c, "ESO v0.16.2 has no " + undefined.group(1), null);
            }
            return new Verdict(c, null, cofferError != null ? null
                    : "Go fails (" + go.error() + "), Coffer renders " + show(coffer), go.error().equals(cofferError));
        }
        if (cofferError != null) {
            return new Verdict(c, null, "Coffer fails (" + cofferError + "), Go renders " + show(go.output()));
        }
        if (c.nondeterministic()) {
            String goText = new String(go.output(), StandardCharsets.UTF_8);
            String cofferText = new String(coffer, StandardCharsets.UTF_8);
            boolean goMatches = goText.matches(c.expectPattern());
            boolean cofferMatches = cofferText.matches(c.expectPattern());
            return new Verdict(c, null, goMatches && cofferMatches ? null
                    : "pattern " + c.expectPattern() + ": Go " + (goMatches ? "matches" : "does not match: " + goText)
                    + ", Coffer " + (cofferMatches ? "matches" : "does not match: " + cofferText));
        }
        return new Verdict(c, null, java.util.Arrays.equals(go.output(), coffer) ? null
                : "Go renders " + show(go.output()) + ", Coffer renders " + show(coffer));
    }

    private static String show(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}

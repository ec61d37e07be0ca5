package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.PasswordSpec;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The Password generator, with upstream's rules: the letters, digits and symbols are drawn one
 * by one from a {@link SecureRandom} and each is inserted at a random position; without
 * {@code allowRepeat} no character appears twice. Each output key gets its own password.
 */
public final class PasswordGenerator implements Generator {

    private final Random random;

    public PasswordGenerator() {
        this(new SecureRandom());
    }

    /** For tests: a seeded source. */
    PasswordGenerator(Random random) {
        this.random = random;
    }

    @Override
    public String kind() {
        return "Password";
    }

    @Override
    public Generated generate(ResolvedGenerator generator, GeneratorContext context) {
        PasswordRules rules = PasswordRules.of(generator.spec(PasswordSpec.class));
        rules.check(generator.describe(context.namespace()));
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : rules.keys()) {
            out.put(key, PasswordEncodings.encode(password(rules, random), rules.encoding()));
        }
        return Generated.of(out);
    }

    /** One password; the rules must have passed {@link PasswordRules#check}. */
    static String password(PasswordRules rules, Random random) {
        StringBuilder out = new StringBuilder(rules.length());
        add(out, rules.letters(), rules.length() - rules.digits() - rules.symbols(), rules.allowRepeat(), random);
        add(out, PasswordRules.DIGITS, rules.digits(), rules.allowRepeat(), random);
        add(out, rules.symbolCharacters(), rules.symbols(), rules.allowRepeat(), random);
        return out.toString();
    }

    private static void add(StringBuilder out, String from, int count, boolean allowRepeat, Random random) {
        int[] chars = from.codePoints().toArray();
        for (int i = 0; i < count; i++) {
            String c = new String(chars, random.nextInt(chars.length), 1);
            if (!allowRepeat && out.indexOf(c) >= 0) {
                i--; // drawn before: draw again (the rules guarantee enough distinct characters)
                continue;
            }
            int at = out.offsetByCodePoints(0, random.nextInt(out.codePointCount(0, out.length()) + 1));
            out.insert(at, c);
        }
    }
}

package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Random values: randAlphaNum, randAlpha, randNumeric, randAscii, randBytes, shuffle, uuidv4. */
public final class SprigRandom {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String NUMERIC = "0123456789";

    private SprigRandom() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("randAlphaNum", a -> random(GoValues.toLong(a[0]), ALPHA + NUMERIC), INT);
        r.add("randAlpha", a -> random(GoValues.toLong(a[0]), ALPHA), INT);
        r.add("randNumeric", a -> random(GoValues.toLong(a[0]), NUMERIC), INT);
        r.add("randAscii", a -> random(GoValues.toLong(a[0]), printableAscii()), INT);
        r.add("randBytes", a -> {
            byte[] b = new byte[(int) checkCount(GoValues.toLong(a[0]))];
            RANDOM.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        }, INT);
        r.add("shuffle", a -> {
            List<Integer> cps = new ArrayList<>();
            GoValues.str(a[0]).codePoints().forEach(cps::add);
            Collections.shuffle(cps, RANDOM);
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        }, STRING);
        r.add("uuidv4", a -> UUID.randomUUID().toString());
    }

    private static long checkCount(long count) throws FunctionException {
        if (count < 0 || count > 1 << 20) {
            throw new FunctionException("invalid count");
        }
        return count;
    }

    private static String random(long count, String chars) throws FunctionException {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < checkCount(count); i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static String printableAscii() {
        StringBuilder sb = new StringBuilder();
        for (char c = 32; c <= 126; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}

package dev.coffer.template.funcs.sprig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/** sprig's derivePassword: the Master Password algorithm (scrypt N=32768 r=8 p=2, then HMAC-SHA256 templates). */
final class DerivePassword {
    private static final String SEED = "com.lyndir.masterpassword";
    private static final Map<String, String[]> TEMPLATES = Map.of(
            "maximum", new String[]{"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"},
            "long", new String[]{"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv",
                "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno",
                "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv",
                "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc",
                "CvccCvcvnoCvcc", "CvccCvcvCvccno"},
            "medium", new String[]{"CvcnoCvc", "CvcCvcno"},
            "short", new String[]{"Cvcn"},
            "basic", new String[]{"aaanaaan", "aannaaan", "aaannaaa"},
            "pin", new String[]{"nnnn"});
    private static final Map<Character, String> CHARACTERS = Map.of(
            'V', "AEIOU",
            'C', "BCDFGHJKLMNPQRSTVWXYZ",
            'v', "aeiou",
            'c', "bcdfghjklmnpqrstvwxyz",
            'A', "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
            'a', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
            'n', "0123456789",
            'o', "@&%?,=[]_:-+*$#!'^~;()/.",
            'x', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()");

    private DerivePassword() {
    }

    static String derive(long counter, String passwordType, String password, String user, String site)
            throws Exception {
        String[] templates = TEMPLATES.get(passwordType);
        if (templates == null) {
            return "cannot find password template " + passwordType;
        }
        byte[] key = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), scope(user), 32768, 8, 2, 64);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        ByteArrayOutputStream siteScope = new ByteArrayOutputStream();
        siteScope.write(scope(site));
        siteScope.write(ByteBuffer.allocate(4).putInt((int) counter).array());
        byte[] seed = hmac.doFinal(siteScope.toByteArray());
        String template = templates[(seed[0] & 0xFF) % templates.length];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            String chars = CHARACTERS.get(template.charAt(i));
            sb.append(chars.charAt((seed[i + 1] & 0xFF) % chars.length()));
        }
        return sb.toString();
    }

    /** SEED, then the big-endian byte length of the name, then the name. */
    private static byte[] scope(String name) throws Exception {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SEED.getBytes(StandardCharsets.UTF_8));
        out.write(ByteBuffer.allocate(4).putInt(n.length).array());
        out.write(n);
        return out.toByteArray();
    }
}

package dev.coffer.generator.ssh;

import dev.coffer.api.generators.v1alpha1.SSHKeySpec;
import dev.coffer.api.generators.v1alpha1.SSHKeyType;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SSHKey generator's output read back: by BouncyCastle's OpenSSH parser (the private key
 * must match the public key, shown by a signature) and, where {@code ssh-keygen} is installed,
 * by OpenSSH itself ({@code ssh-keygen -y} derives the same public key).
 */
class SshKeyGeneratorTest {

    private static final GeneratorContext CTX = new GeneratorContext("apps", null, null);

    private static Map<String, String> generate(SSHKeyType type, Integer size, String comment) {
        SSHKeySpec spec = new SSHKeySpec();
        spec.keyType = type;
        spec.keySize = size;
        spec.comment = comment;
        Map<String, byte[]> out = new SshKeyGenerator().generate(new ResolvedGenerator("SSHKey", "deploy", false, 1, spec, "f"), CTX).values();
        assertThat(out).containsOnlyKeys("privateKey", "publicKey");
        return Map.of("privateKey", new String(out.get("privateKey"), StandardCharsets.UTF_8),
                "publicKey", new String(out.get("publicKey"), StandardCharsets.UTF_8));
    }

    private static byte[] fileBytes(String pem) {
        assertThat(pem).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n").endsWith("-----END OPENSSH PRIVATE KEY-----\n");
        String[] lines = pem.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertThat(lines[i]).as("PEM line %d, 64 characters as Go's encoding/pem writes", i).hasSize(64);
        }
        return Base64.getDecoder().decode(String.join("", Arrays.copyOfRange(lines, 1, lines.length - 1)));
    }

    private static byte[] publicBlob(String line) {
        return Base64.getDecoder().decode(line.trim().split(" ")[1]);
    }

    @ParameterizedTest
    @CsvSource({"rsa,,ssh-rsa", "rsa,3072,ssh-rsa", "ecdsa,,ecdsa-sha2-nistp256", "ecdsa,384,ecdsa-sha2-nistp384",
            "ecdsa,521,ecdsa-sha2-nistp521", "ed25519,,ssh-ed25519"})
    void theKeyPairParsesBackAndTheHalvesBelongTogether(SSHKeyType type, Integer size, String algorithm) throws Exception {
        Map<String, String> out = generate(type, size, "ci@example");
        assertThat(out.get("publicKey")).startsWith(algorithm + " ").endsWith(" ci@example\n");

        byte[] file = fileBytes(out.get("privateKey"));
        ByteBuffer in = ByteBuffer.wrap(file);
        byte[] magic = new byte[15];
        in.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
        assertThat(string(in)).as("cipher").isEqualTo("none");
        assertThat(string(in)).as("kdf").isEqualTo("none");
        assertThat(string(in)).as("kdf options").isEmpty();
        assertThat(in.getInt()).as("number of keys").isEqualTo(1);
        assertThat(bytes(in)).as("the public key in the file is the published one").isEqualTo(publicBlob(out.get("publicKey")));
        ByteBuffer section = ByteBuffer.wrap(bytes(in));
        assertThat(section.remaining() % 8).as("padded to the block size").isZero();
        assertThat(section.getInt()).as("check integers agree").isEqualTo(section.getInt());

        AsymmetricKeyParameter priv = OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(file);
        AsymmetricKeyParameter pub = OpenSSHPublicKeyUtil.parsePublicKey(publicBlob(out.get("publicKey")));
        assertThat(signsFor(priv, pub)).as("the private key signs what the public key verifies").isTrue();
        if (type == SSHKeyType.rsa) {
            assertThat(((RSAKeyParameters) pub).getModulus().bitLength()).isEqualTo(size == null ? 2048 : size);
        }
    }

    @Test
    void withoutACommentThePublicLineHasTwoFieldsAndTheDefaultIsRsa2048() {
        Map<String, String> out = generate(null, null, null);
        assertThat(out.get("publicKey")).matches("ssh-rsa [A-Za-z0-9+/=]+\n");
    }

    @Test
    void eachGenerationIsANewKey() {
        assertThat(generate(SSHKeyType.ed25519, null, null).get("publicKey"))
                .isNotEqualTo(generate(SSHKeyType.ed25519, null, null).get("publicKey"));
    }

    @Test
    void sizesTheTypeDoesNotHaveAreRejectedWithAOneLineMessage() {
        assertThatThrownBy(() -> generate(SSHKeyType.ecdsa, 512, null)).isInstanceOf(ProviderException.class)
                .hasMessage("SSHKey apps/deploy: an ecdsa keySize must be 256, 384 or 521, not 512");
        assertThatThrownBy(() -> generate(SSHKeyType.rsa, 512, null)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("between 1024 and 8192");
    }

    @ParameterizedTest
    @CsvSource({"rsa,2048", "ecdsa,384", "ed25519,"})
    void sshKeygenDerivesTheSamePublicKey(SSHKeyType type, Integer size, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("ssh-keygen"), "ssh-keygen not installed (apt-get install openssh-client)");
        Map<String, String> out = generate(type, size, "deploy@coffer");
        Path key = dir.resolve("id");
        Files.writeString(key, out.get("privateKey"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder("ssh-keygen", "-y", "-f", key.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("ssh-keygen -y: %s", derived).isZero();
        String[] mine = out.get("publicKey").trim().split(" ");
        String[] theirs = derived.trim().split(" ");
        assertThat(theirs[0]).isEqualTo(mine[0]);
        assertThat(theirs[1]).isEqualTo(mine[1]);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static boolean signsFor(CipherParameters priv, CipherParameters pub) throws Exception {
        byte[] message = "coffer".getBytes(StandardCharsets.UTF_8);
        if (priv instanceof Ed25519PrivateKeyParameters) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, priv);
            s.update(message, 0, message.length);
            byte[] sig = s.generateSignature();
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, (Ed25519PublicKeyParameters) pub);
            v.update(message, 0, message.length);
            return v.verifySignature(sig);
        }
        if (priv instanceof ECPrivateKeyParameters) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(message);
            ECDSASigner s = new ECDSASigner();
            s.init(true, priv);
            BigInteger[] rs = s.generateSignature(digest);
            ECDSASigner v = new ECDSASigner();
            v.init(false, (ECPublicKeyParameters) pub);
            return v.verifySignature(digest, rs[0], rs[1]);
        }
        RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) priv;
        RSAKeyParameters rsaPub = (RSAKeyParameters) pub;
        BigInteger m = new BigInteger(1, message);
        BigInteger sig = m.modPow(rsa.getExponent(), rsa.getModulus());
        return rsaPub.getModulus().equals(rsa.getModulus()) && sig.modPow(rsaPub.getExponent(), rsaPub.getModulus()).equals(m)
                && rsa.getP().multiply(rsa.getQ()).equals(rsa.getModulus());
    }
}

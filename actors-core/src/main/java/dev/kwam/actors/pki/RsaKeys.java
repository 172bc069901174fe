package dev.kwam.actors.pki;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * RSA key pairs for TLS. RSA rather than Ed25519 or ECDSA because Pekko Artery's built-in
 * {@code RotatingKeysSSLEngineProvider} reads only RSA keys from PEM (docs/security.md); Ed25519
 * stays for signatures over manifests and consent tokens.
 */
final class RsaKeys {
    /** Node keys: 112-bit security (NIST SP 800-57) is enough for a certificate that lives one year. */
    static final int NODE_BITS = 2048;
    /** The root: 128-bit security, because it signs for ten years, past NIST's 2030 horizon for 2048. */
    static final int CA_BITS = 3072;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RsaKeys() {
    }

    static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA key generator, which every Java SE runtime must have", e);
        }
    }

    static SecureRandom random() {
        return RANDOM;
    }
}

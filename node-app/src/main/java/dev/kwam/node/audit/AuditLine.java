package dev.kwam.node.audit;

import dev.kwam.node.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One line of the audit log in its canonical form: the fields always in this order, no spaces, JSON
 * string escapes as {@link JsonText} writes them, {@code sig} last:
 * <pre>{"seq":1,"prev":"00…00","time":"…","kind":"…","actor":"…","action":"…","resource":"…","decision":"…","reason":"…","sig":"…"}</pre>
 * {@code prev} is the SHA-256 (hex) of the previous line's bytes (without its newline), 64 zeros for the
 * first line; {@code sig} is SHA256withRSA over the line with {@code ,"sig":"…"} removed. Because the form
 * is fixed, a verifier recomputes the signed bytes from the line itself, and any other spelling of the
 * same JSON is refused rather than interpreted.
 */
record AuditLine(long seq, String prev, String time, AuditRecord record, String sig) {
    static final String GENESIS = "0".repeat(64);
    static final String ALGORITHM = "SHA256withRSA";
    private static final String SIG_FIELD = ",\"sig\":\"";

    /** A new line for {@code record}, signed by {@code key}. */
    static AuditLine signed(long seq, String prev, String time, AuditRecord record, PrivateKey key) {
        AuditLine unsigned = new AuditLine(seq, prev, time, record, "");
        return new AuditLine(seq, prev, time, record, sign(key, unsigned.signedBytes()));
    }

    /** The line as written, without the newline. */
    String text() {
        return body() + SIG_FIELD + sig + "\"}";
    }

    /** What {@code sig} signs: the line without its {@code sig} field. */
    byte[] signedBytes() {
        return (body() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 (hex) of the line's bytes: the next line's {@code prev}, and what the head records. */
    String hash() {
        return sha256Hex(text().getBytes(StandardCharsets.UTF_8));
    }

    boolean signatureValid(PublicKey key) {
        return verify(key, signedBytes(), sig);
    }

    private String body() {
        StringBuilder b = new StringBuilder(256).append("{\"seq\":").append(seq).append(",\"prev\":\"").append(prev).append('"');
        field(b, "time", time);
        field(b, "kind", record.kind());
        field(b, "actor", record.actor());
        field(b, "action", record.action());
        field(b, "resource", record.resource());
        field(b, "decision", record.decision());
        field(b, "reason", record.reason());
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        JsonText.quote(b, value);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String sign(PrivateKey key, byte[] bytes) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(bytes);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the node's key cannot sign with " + ALGORITHM + " (is it an RSA key?)", e);
        }
    }

    static boolean verify(PublicKey key, byte[] bytes, String base64) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(bytes);
            return s.verify(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a key of another type or a malformed signature: either way it does not verify
        }
    }
}

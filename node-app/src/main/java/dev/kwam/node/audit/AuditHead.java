package dev.kwam.node.audit;

import dev.kwam.node.files.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit.head}: the last record's seq and hash, signed. A hash chain cannot see its own tail cut
 * off; the head can, because it says how long the chain was. It is replaced whole (temp file, fsync,
 * rename, directory fsync) after every append, so it is never torn.
 */
record AuditHead(long seq, String hash, String sig) {
    private static final Pattern FORM = Pattern.compile("\\{\"seq\":(\\d{1,18}),\"hash\":\"([0-9a-f]{64})\",\"sig\":\"([A-Za-z0-9+/=]+)\"}\n");

    static AuditHead signed(long seq, String hash, PrivateKey key) {
        return new AuditHead(seq, hash, AuditLine.sign(key, signedBytes(seq, hash)));
    }

    boolean signatureValid(PublicKey key) {
        return AuditLine.verify(key, signedBytes(seq, hash), sig);
    }

    String text() {
        return "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\",\"sig\":\"" + sig + "\"}\n";
    }

    void writeTo(Path file) throws IOException {
        try (StagedFile staged = StagedFile.beside(file)) {
            staged.write(ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8)));
            staged.commit();
        }
    }

    /** The head in {@code file}; empty when there is none; a {@link Malformed} when it is not a head. */
    static Optional<AuditHead> read(Path file) throws IOException, AuditLineParser.Malformed {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            throw new AuditLineParser.Malformed("audit.head is not UTF-8 text");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new AuditLineParser.Malformed("audit.head is not a signed head {\"seq\":N,\"hash\":\"…\",\"sig\":\"…\"}");
        }
        return Optional.of(new AuditHead(Long.parseLong(m.group(1)), m.group(2), m.group(3)));
    }

    private static byte[] signedBytes(long seq, String hash) {
        return ("{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}

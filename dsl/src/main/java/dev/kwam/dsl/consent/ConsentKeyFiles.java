package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.PublicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two consent key files, both plain text a person can read:
 * <pre>
 * # KWAM consent public key …            (ID.pub: share it; keyrings are directories of these)
 * signer: acme-prod
 * id: alice
 * key: ed25519:&lt;64 hex&gt;
 * </pre>
 * and {@code ID.key} (mode 0600): the same three lines followed by the private key as a PKCS#8
 * {@code PRIVATE KEY} PEM block, the encoding {@code openssl pkey} and codec's key files use.
 * Blank lines and lines starting with '#' are comments; every field appears exactly once; anything
 * else is refused with the file and line.
 */
public final class ConsentKeyFiles {
    public static final String PRIVATE_SUFFIX = ".key";
    public static final String PUBLIC_SUFFIX = ".pub";
    /** Both formats are a few hundred bytes; a bigger file is not one of them. */
    static final int MAX_FILE_BYTES = 8192;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<String> FIELDS = Set.of("signer", "id", "key");

    private ConsentKeyFiles() {
    }

    /** Where {@link #write} put the pair. */
    public record Written(Path privateFile, Path publicFile) {
    }

    /**
     * Writes {@code DIR/ID.key} (created with mode 0600, so it is never readable by others, not
     * even for a moment) and {@code DIR/ID.pub}. Refuses to replace either file; on failure leaves
     * neither behind.
     */
    public static Written write(MintingKey key, Path dir) throws IOException {
        SignerKey id = key.identity();
        Path priv = dir.resolve(id.id() + PRIVATE_SUFFIX);
        Path pub = dir.resolve(id.id() + PUBLIC_SUFFIX);
        for (Path p : List.of(priv, pub)) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null,
                        "a key file is already there; replacing it would orphan every token it signed");
            }
        }
        Files.createDirectories(dir);
        String header = fields(id);
        String pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.pkcs8());
        String privateText = "# KWAM consent signing key (docs/consent.md). Keep it secret: mode 0600, never on a"
                + " server.\n" + header + BEGIN + "\n" + pem + "\n" + END + "\n";
        String publicText = "# KWAM consent public key (docs/consent.md). Share it: a keyring is a directory of"
                + " these files.\n" + header;
        createDurably(priv, privateText, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            createDurably(pub, publicText, null);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(priv);
            throw e;
        }
        return new Written(priv, pub);
    }

    /** Reads a signing key written by {@link #write}. */
    public static MintingKey readPrivate(Path file) throws IOException {
        List<String> lines = lines(file);
        int begin = lines.indexOf(BEGIN);
        if (begin < 0) {
            throw new KeyFileException(file, "no '" + BEGIN + "' block: this is not a consent signing key"
                    + (file.toString().endsWith(PUBLIC_SUFFIX) ? " (it is a public key; pass the .key file)" : ""));
        }
        int end = lines.indexOf(END);
        if (end < begin) {
            throw new KeyFileException(file, "the private key block never ends ('" + END + "' missing)");
        }
        for (int i = end + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                throw new KeyFileException(file, "line " + (i + 1) + ": unexpected text after the private key block");
            }
        }
        SignerKey identity = identity(file, lines.subList(0, begin));
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(String.join("\n", lines.subList(begin + 1, end)));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "the private key block is not base64: " + e.getMessage(), e);
        }
        try {
            return MintingKey.fromPkcs8(identity, der);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, e.getMessage(), e);
        }
    }

    /** Reads a public key file: who it signs for, its id and the key. */
    public static SignerKey readPublic(Path file) throws IOException {
        List<String> lines = lines(file);
        if (lines.contains(BEGIN)) {
            throw new KeyFileException(file, "this file holds a PRIVATE key; keyrings and --keyring take only the "
                    + PUBLIC_SUFFIX + " file. Move the private key off this machine if it should not be here");
        }
        return identity(file, lines);
    }

    private static String fields(SignerKey id) {
        return "signer: " + id.signer() + "\nid: " + id.id() + "\nkey: " + id.key() + "\n";
    }

    private static SignerKey identity(Path file, List<String> lines) throws KeyFileException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon < 0 || !FIELDS.contains(name)) {
                throw new KeyFileException(file, "line " + (i + 1) + ": expected 'signer: …', 'id: …' or 'key: …', got '"
                        + abbreviate(line) + "'");
            }
            if (values.put(name, line.substring(colon + 1).strip()) != null) {
                throw new KeyFileException(file, "line " + (i + 1) + ": '" + name + "' is given twice");
            }
        }
        for (String name : List.of("signer", "id", "key")) {
            if (!values.containsKey(name)) {
                throw new KeyFileException(file, "the '" + name + ":' line is missing");
            }
        }
        try {
            return new SignerKey(values.get("signer"), values.get("id"), PublicKey.parse(values.get("key")));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, e.getMessage(), e);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new KeyFileException(file, "larger than " + MAX_FILE_BYTES + " bytes: not a consent key file");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0 || (bytes[i] < 0x20 && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t')) {
                throw new KeyFileException(file, String.format("byte 0x%02x at offset %d: consent key files are plain ASCII"
                        + " text", bytes[i] & 0xFF, i));
            }
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return lines;
    }

    private static void createDurably(Path file, String text, FileAttribute<?> mode) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel channel;
        try {
            channel = mode == null ? FileChannel.open(file, options) : FileChannel.open(file, options, mode);
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX modes (Windows): the directory's ACL is all there is.
            channel = FileChannel.open(file, options);
        }
        try (FileChannel out = channel) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.KeyFileException;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.MalformedTokenException;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.TokenCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What the consent commands read: a TOKEN given inline, as {@code -} (stdin) or {@code @FILE};
 * signing keys; keyrings. Each failure becomes a what/where/why/fix error with exit code 2.
 */
final class ConsentInput {
    /** Far above any valid token; bounds what a wrong @FILE (a disk image, say) can make us read. */
    private static final int MAX_INPUT_BYTES = 64 * 1024;

    private ConsentInput() {
    }

    /** A decoded token; surrounding whitespace (the newline at the end of a file) is ignored. */
    static ConsentToken token(String argument, InputStream stdin) throws CliException, IOException {
        String where;
        String text;
        if (argument.equals("-")) {
            where = "TOKEN (read from stdin)";
            text = readBounded(stdin, where);
        } else if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            where = file.toString();
            if (!Files.isRegularFile(file)) {
                throw new CliException(CliError.io("cannot read the token file", where,
                        Files.exists(file) ? "it is not a regular file" : "no such file",
                        "pass @FILE naming a file that holds the grant://… line, - for stdin, or the token itself"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                text = readBounded(in, where);
            }
        } else {
            where = "TOKEN (the command-line argument)";
            text = argument;
        }
        try {
            return TokenCodec.decode(text.strip());
        } catch (MalformedTokenException e) {
            throw new CliException(CliError.usage("the token is malformed", where, e.getMessage(),
                    "pass the whole grant://… line exactly as kwam consent mint printed it (quote it in the shell), "
                            + "or @FILE / - to read it from a file or stdin"), e);
        }
    }

    /** A signing key file; warns on stderr when others may read it. */
    static MintingKey signingKey(Path file, PrintWriter err, String command) throws CliException, IOException {
        try {
            MintingKey key = ConsentKeyFiles.readPrivate(file);
            warnIfReadableByOthers(file, err, command);
            return key;
        } catch (KeyFileException e) {
            throw new CliException(CliError.io("cannot use the signing key", String.valueOf(e.file()), e.reason(),
                    "pass the ID.key file written by kwam consent keygen --signer NAME --out DIR"), e);
        }
    }

    static Keyring keyring(Path dir) throws CliException, IOException {
        try {
            return Keyring.load(dir);
        } catch (KeyFileException e) {
            throw new CliException(CliError.io("cannot use the keyring", String.valueOf(e.file()), e.reason(),
                    "a keyring is a directory of ID.pub files written by kwam consent keygen; fix or remove the file"), e);
        }
    }

    private static void warnIfReadableByOthers(Path file, PrintWriter err, String command) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // no POSIX modes to check on this file system
        }
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
            err.println(command + ": warning: " + file + " can be read by other users; run: chmod 600 " + file);
            err.flush();
        }
    }

    private static String readBounded(InputStream in, String where) throws IOException, CliException {
        byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new CliException(CliError.usage("the token input is too large", where,
                    "more than " + MAX_INPUT_BYTES + " bytes; a token is at most " + TokenCodec.MAX_TOKEN_CHARS + " characters",
                    "pass the file or stream that holds only the grant://… line"));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

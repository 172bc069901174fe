package dev.kwam.node.up;

import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The check a {@code --policy} file must pass before a node starts: the whole policy compiler —
 * syntax, schemas, signed imports, every lowering rule, the durability guard and, with a keyring,
 * every deploy's consent token. Any diagnostic refuses the start. Reading at most one byte past the
 * parser's cap lets it refuse an oversized file by size rather than by running out of memory.
 */
public final class PolicyGate {
    private PolicyGate() {
    }

    /** The diagnostics of {@code file}; empty when the node may start with it. */
    public static List<Diagnostic> check(Path file, Optional<Path> keyring) throws StartupException {
        return compile(file, keyring).diagnostics();
    }

    /** The whole compilation: the policy itself when it has no error (the node reads its repair block). */
    public static dev.kwam.dsl.CompileResult compile(Path file, Optional<Path> keyring) throws StartupException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(PolicyParser.MAX_SOURCE_BYTES + 1);
        } catch (IOException e) {
            throw new StartupException("the policy file cannot be read", file, String.valueOf(e.getMessage()),
                    "pass a readable policy file to --policy (or leave it out)", e);
        }
        CompileOptions options = CompileOptions.standard();
        if (keyring.isPresent()) {
            try {
                options = options.withKeyring(Keyring.load(keyring.get()));
            } catch (IOException e) {
                throw new StartupException("the consent keyring cannot be loaded", keyring.get(),
                        String.valueOf(e.getMessage()), "point kwam.node.keyring at a directory of .pub files "
                                + "(kwam consent keygen writes them)", e);
            }
        }
        return PolicyCompiler.compile(file.toString(), bytes, options);
    }
}

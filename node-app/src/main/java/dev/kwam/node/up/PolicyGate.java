package dev.kwam.node.up;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The check a {@code --policy} file must pass before a node starts: today the language's parser
 * (syntax and closed schemas); any diagnostic refuses the start. Reading at most one byte past the
 * parser's cap lets it refuse an oversized file by size rather than by running out of memory.
 */
public final class PolicyGate {
    private PolicyGate() {
    }

    /** The diagnostics of {@code file}; empty when the node may start with it. */
    public static List<Diagnostic> check(Path file) throws StartupException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(PolicyParser.MAX_SOURCE_BYTES + 1);
        } catch (IOException e) {
            throw new StartupException("the policy file cannot be read", file, String.valueOf(e.getMessage()),
                    "pass a readable policy file to --policy (or leave it out)", e);
        }
        return PolicyParser.parse(file.toString(), bytes).diagnostics();
    }
}

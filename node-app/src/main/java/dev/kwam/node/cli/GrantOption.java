package dev.kwam.node.cli;

import dev.kwam.dsl.consent.TokenCodec;
import java.io.IOException;
import java.io.InputStream;
import picocli.CommandLine.Option;

/** {@code --grant TOKEN}: the consent token a changing command carries, inline, {@code @FILE} or {@code -} (stdin). */
final class GrantOption {

    @Option(names = "--grant", required = true, paramLabel = "TOKEN",
            description = "The consent token (grant://…), @FILE holding it, or - to read it from stdin (kwam consent mint / cosign).")
    String grant;

    /** The token re-encoded in its canonical text, checked well-formed before anything is sent. */
    String text(InputStream stdin) throws CliException {
        try {
            return TokenCodec.encode(ConsentInput.token(grant, stdin));
        } catch (IOException e) {
            throw new CliException(CliError.io("cannot read the token", grant, String.valueOf(e.getMessage()),
                    "pass the token itself, @FILE or -"), e);
        }
    }
}

package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.CosignRefusedException;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.TokenCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam consent cosign}: a second person adds their signature, for dual control. */
@Command(name = "cosign",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Add your signature to a consent token (dual control: two distinct keys of the token's signer).",
            "Prints the token with one more signature on stdout. Refuses a key that already signed it, a key of "
                    + "another signer, a token whose existing signatures do not verify, and an expired token."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the co-signed token was printed", "1:the co-signature was refused (the reason is printed)",
            "2:usage error, malformed token, or the key could not be read"})
final class ConsentCosignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOKEN", description = "The grant://… token, - to read it from stdin, or @FILE.")
    private String tokenArgument;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your signing key, DIR/ID.key.")
    private Path keyFile;

    @Override
    public Integer call() throws CliException, IOException {
        String name = spec.qualifiedName();
        PrintWriter err = spec.commandLine().getErr();
        ConsentToken token = ConsentInput.token(tokenArgument, System.in);
        MintingKey key = ConsentInput.signingKey(keyFile, err, name);
        ConsentToken cosigned;
        try {
            cosigned = ConsentMint.cosign(token, key, Clock.systemUTC());
        } catch (CosignRefusedException e) {
            throw new CliException(CliError.checkFailed("co-signature refused", keyFile.toString(), e.getMessage(),
                    fix(e.reason())), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(TokenCodec.encode(cosigned));
        out.flush();
        err.println(name + ": added " + key.identity().id() + "'s signature to token " + cosigned.id() + "; it now has "
                + cosigned.signatures().size() + " signatures");
        ConsentSummary.describe(cosigned, err, Clock.systemUTC());
        err.flush();
        return ExitCodes.OK;
    }

    private static String fix(CosignRefusedException.Reason reason) {
        switch (reason) {
            case SAME_KEY:
                return "dual control needs another person: they run kwam consent cosign TOKEN --key THEIR.key";
            case OTHER_SIGNER:
                return "co-sign with a key of the token's signer (kwam consent inspect TOKEN shows it)";
            case EXISTING_SIGNATURE_BROKEN:
                return "do not sign it: get the original token from its minter, or mint a new one";
            case EXPIRED:
            case TOO_MANY_SIGNATURES:
            default:
                return "mint a new token with kwam consent mint";
        }
    }
}

package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.consent.ConsentMint;
import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.ResourceGlob;
import dev.kwam.dsl.consent.TokenCodec;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam consent mint}: a new token, signed by one key; stdout carries only the token. */
@Command(name = "mint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Mint a consent token signed by one key, valid from now for --ttl.",
            "Prints exactly one line on stdout, the grant://… token; what it says goes to stderr.",
            "Destructive capabilities under a grant with dual_control true also need kwam consent cosign."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token was printed", "2:usage error, or the key could not be read"})
final class ConsentMintCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your signing key, DIR/ID.key from kwam consent keygen.")
    private Path keyFile;

    @Option(names = "--caps", required = true, split = ",", paramLabel = "CAP",
            description = "Capabilities the token carries, comma-separated: deploy,quarantine. An unknown name is refused with the list of known ones.")
    private List<String> caps;

    @Option(names = "--resource", required = true, paramLabel = "GLOB",
            description = "Resources it covers: '*' within a dot-separated segment, '**' for any segments, e.g. 'fleet.h100_pool*'.")
    private String resource;

    @Option(names = "--ttl", required = true, paramLabel = "DURATION",
            description = "How long it is valid: 90s, 15m, 1h, 1h30m, 2d (at most 30d).")
    private String ttl;

    @Option(names = "--digest", paramLabel = "CID",
            description = "Bind the token to one artefact, sha256:<64 hex> (e.g. the bundle it deploys).")
    private String digest;

    @Override
    public Integer call() throws CliException, IOException {
        List<Capability> capabilities = capabilities(caps);
        ResourceGlob glob = glob(resource);
        Duration lifetime = ConsentTtl.parse(ttl);
        Optional<Cid> boundTo = digest(digest);
        String name = spec.qualifiedName();
        PrintWriter err = spec.commandLine().getErr();
        MintingKey key = ConsentInput.signingKey(keyFile, err, name);
        ConsentToken token = ConsentMint.mint(key, capabilities, glob, lifetime, boundTo, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        out.println(TokenCodec.encode(token));
        out.flush();
        err.println(name + ": token " + token.id() + " for signer " + token.body().signer() + ", signed by "
                + key.identity().id());
        ConsentSummary.describe(token, err, Clock.systemUTC());
        err.flush();
        return ExitCodes.OK;
    }

    static List<Capability> capabilities(List<String> words) throws CliException {
        List<Capability> out = new ArrayList<>();
        for (String word : words) {
            Optional<Capability> cap = Capability.fromKeyword(word.strip());
            if (cap.isEmpty()) {
                throw new CliException(CliError.usage("unknown capability '" + word + "' in --caps", null,
                        "capabilities are a closed set: " + String.join(", ",
                                Arrays.stream(Capability.values()).map(Capability::keyword).toList()),
                        "for example --caps deploy,quarantine"));
            }
            if (out.contains(cap.get())) {
                throw new CliException(CliError.usage("capability '" + word + "' is listed twice in --caps", null,
                        "each capability is carried once", "list each capability once"));
            }
            out.add(cap.get());
        }
        return out;
    }

    private static ResourceGlob glob(String text) throws CliException {
        try {
            return ResourceGlob.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliError.usage("invalid --resource", null, e.getMessage(),
                    "use dot-separated segments of letters, digits, '_', '-', with '*' inside a segment or '**' as a "
                            + "whole segment, e.g. --resource 'fleet.h100_pool*' (quote it so the shell leaves '*' alone)"), e);
        }
    }

    private static Optional<Cid> digest(String text) throws CliException {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(Cid.tryParse(text).orElseThrow(() -> new CliException(CliError.usage(
                "invalid --digest '" + text + "'", null, "a digest is sha256: followed by 64 lowercase hex digits",
                "pass the content id of what the token authorizes, e.g. the bundle's manifest cid"))));
    }
}

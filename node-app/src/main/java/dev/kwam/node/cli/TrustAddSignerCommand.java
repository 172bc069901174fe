package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.node.grpc.v1.TrustRoots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kwam trust add-signer NAME --pubkey FILE --caps … --grant TOKEN}. */
@Command(name = "add-signer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Add the key NAME (its NAME.pub from kwam consent keygen) to the trust roots, allowed to consent to --caps. "
                + "Needs a token carrying 'trust' over resource trust.NAME, signed by two people."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:added (the trust roots are on stdout)", "1:refused (the reason is on stderr)", "2:usage error, node unreachable"})
final class TrustAddSignerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The key id, as in its .pub file.")
    private String name;

    @Option(names = "--pubkey", required = true, paramLabel = "FILE", description = "The key's NAME.pub file.")
    private Path pubkey;

    @Option(names = "--caps", required = true, split = ",", paramLabel = "CAP[,CAP…]",
            description = "Capabilities the key may consent to, e.g. deploy,rollback.")
    private List<String> caps;

    @Option(names = "--person", paramLabel = "WHO", description = "Whose key it is (default NAME): dual control counts people.")
    private String person;

    @Mixin
    private GrantOption grant;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        SignerKey key;
        try {
            key = ConsentKeyFiles.readPublic(pubkey);
        } catch (IOException e) {
            throw new CliException(CliError.usage("cannot read the public key", pubkey.toString(), String.valueOf(e.getMessage()),
                    "pass the NAME.pub file kwam consent keygen wrote"), e);
        }
        if (!key.id().equals(name)) {
            throw new CliException(CliError.usage("the key file names another key", pubkey.toString(), "it holds key id '" + key.id()
                    + "', not '" + name + "'", "run kwam trust add-signer " + key.id() + " --pubkey " + pubkey + " …"));
        }
        String token = grant.text(System.in);
        TrustRoots roots = connection.ask(client -> client.admin().addSigner(key, person == null ? name : person, caps, token),
                "cannot add signer " + name);
        return output.show(roots, AdminJson::trust, TrustListCommand::print);
    }
}

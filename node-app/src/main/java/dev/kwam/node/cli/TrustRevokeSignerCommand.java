package dev.kwam.node.cli;

import dev.kwam.node.grpc.v1.TrustRoots;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kwam trust revoke-signer NAME --grant TOKEN}. */
@Command(name = "revoke-signer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Revoke the key NAME: from now on its signatures are refused (KW-L212), on tokens spent or not. "
                + "Needs a token carrying 'trust' over resource trust.NAME, signed by two people."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:revoked (the trust roots are on stdout)", "1:refused (the reason is on stderr)", "2:usage error, node unreachable"})
final class TrustRevokeSignerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The key id to revoke.")
    private String name;

    @Mixin
    private GrantOption grant;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        String token = grant.text(System.in);
        TrustRoots roots = connection.ask(client -> client.admin().revokeSigner(name, token), "cannot revoke signer " + name);
        return output.show(roots, AdminJson::trust, TrustListCommand::print);
    }
}

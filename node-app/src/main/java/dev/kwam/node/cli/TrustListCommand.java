package dev.kwam.node.cli;

import dev.kwam.node.grpc.v1.TrustRoots;
import dev.kwam.node.grpc.v1.TrustedSigner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kwam trust list}: every signer key, current and revoked. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"List every consent signer key of the fleet, current and revoked, with its capabilities and history."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trust roots are on stdout", "2:usage error, node unreachable"})
final class TrustListCommand implements Callable<Integer> {

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        TrustRoots roots = connection.ask(client -> client.admin().listTrust(), "cannot list the trust roots");
        return output.show(roots, AdminJson::trust, TrustListCommand::print);
    }

    static void print(TrustRoots roots, PrintWriter out) {
        if (roots.getSignersCount() == 0) {
            out.println(roots.getSeeded() ? "no signer keys (all were revoked)"
                    : "no signer keys yet, so no consent token is accepted: a node started with --keyring DIR seeds them as soon as "
                            + "the consensus group has a majority (its log says 'trust roots seeded'); without one, none will");
            return;
        }
        out.printf("%-16s %-16s %-12s %-8s %-40s %s%n", "KEY", "SIGNER", "PERSON", "STATE", "CAPABILITIES", "ADDED / REVOKED");
        for (TrustedSigner s : roots.getSignersList()) {
            boolean revoked = !s.getRevokedAt().isEmpty();
            out.printf("%-16s %-16s %-12s %-8s %-40s %s%n", s.getKeyId(), s.getSigner(), s.getPerson(), revoked ? "revoked" : "current",
                    String.join(",", s.getCapabilitiesList()), s.getAddedAt() + " by " + s.getAddedBy()
                            + (revoked ? "; revoked " + s.getRevokedAt() + " by " + s.getRevokedBy() : ""));
        }
    }
}

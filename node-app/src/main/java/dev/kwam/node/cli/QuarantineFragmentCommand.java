package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.node.grpc.v1.QuarantineResult;
import dev.kwam.node.grpc.v1.QuarantinedCopy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kwam quarantine fragment CID --grant TOKEN}: needs {@code quarantine} over {@code fragment.HEX}, bound to CID. */
@Command(name = "fragment",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Take fragment CID out of service on every holder the census names: each moves its copy into its "
                + "quarantine/ directory (kept for inspection, never served again), the census marks it, and the JHMM rebuilds it "
                + "on another node (kwam client repairs follows it). The token must carry 'quarantine' over resource "
                + "fragment.HEX (HEX: the cid's 64 hex digits) and be bound to CID "
                + "(kwam consent mint --caps quarantine --resource fragment.HEX --digest CID); it is spent once, fleet-wide."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:taken out of service (each holder's outcome on stdout)", "1:refused, or the census places no copy",
            "2:usage error, node unreachable"})
final class QuarantineFragmentCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CID", converter = NodeConnection.CidConverter.class,
            description = "The fragment's cid, as kwam client stat OBJECT --format json lists it.")
    private Cid fragment;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
            description = "Why, for the holders' quarantine records and the audit log.")
    private String reason;

    @Mixin
    private GrantOption grant;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        String token = grant.text(System.in);
        QuarantineResult r = connection.ask(client -> client.admin().quarantine(fragment, reason, token),
                "cannot quarantine fragment " + fragment);
        return output.show(r, AdminJson::quarantine, QuarantineFragmentCommand::print);
    }

    static void print(QuarantineResult r, PrintWriter out) {
        out.println("fragment " + r.getFragment() + ": out of service; the JHMM rebuilds it on another node");
        out.printf("%-16s %-6s %s%n", "NODE", "INDEX", "OUTCOME");
        for (QuarantinedCopy c : r.getCopiesList()) {
            out.printf("%-16s %-6d %s%n", c.getNode(), c.getIndex(), c.getOutcome());
        }
    }
}

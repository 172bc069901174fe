package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.KwamNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kwam client stat}: where every fragment of an object lives and in what state. */
@Command(name = "stat",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Show every stripe of the object CID and each fragment's node and state (ok, missing, corrupt, repairing)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the object's state is on stdout (damaged fragments included)", "1:no such object",
            "2:usage error, node unreachable or refusing"})
final class ClientStatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CID", converter = NodeConnection.CidConverter.class, description = "The object's cid.")
    private Cid object;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        return output.show(connection.ask(client -> client.stat(object), "cannot stat " + object), ClientJson::stat,
                ClientStatCommand::print);
    }

    private static void print(KwamNode.ObjectStat stat, PrintWriter out) {
        long damaged = stat.stripes().stream().flatMap(s -> s.fragments().stream()).filter(f -> !f.state().equals("ok")).count();
        out.println("object   " + stat.object().cid());
        out.println("content  " + stat.object().contentCid() + "  (" + stat.object().size() + " bytes)");
        out.println("stripes  " + stat.stripes().size() + (damaged == 0 ? "  (every fragment ok)" : "  (" + damaged + " fragment(s) not ok)"));
        for (KwamNode.StripeStat stripe : stat.stripes()) {
            out.println("stripe " + stripe.index() + "  rs(" + stripe.k() + "," + stripe.m() + ")  chunk " + stripe.chunk());
            for (KwamNode.FragmentStat f : stripe.fragments()) {
                out.printf("  %3d  %-9s  %s  %s%n", f.index(), f.state(), f.cid(), f.node().isEmpty() ? "(unplaced)" : f.node());
            }
        }
    }
}

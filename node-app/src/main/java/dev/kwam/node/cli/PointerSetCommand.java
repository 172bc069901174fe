package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.node.grpc.v1.Pointer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kwam pointer set CHANNEL CID --grant TOKEN}: needs {@code deploy} over {@code channel.CHANNEL}, bound to CID. */
@Command(name = "set",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Point CHANNEL at CID. The token must carry 'deploy' over resource channel.CHANNEL and be bound to CID "
                + "(kwam consent mint --caps deploy --resource channel.CHANNEL --digest CID); it is spent once, fleet-wide."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the pointer moved (printed on stdout)", "1:refused: the reason (e.g. token already spent) is on stderr",
            "2:usage error, node unreachable"})
final class PointerSetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "The channel, e.g. prod or train.h100.")
    private String channel;

    @Parameters(index = "1", paramLabel = "CID", converter = NodeConnection.CidConverter.class, description = "What it should name.")
    private Cid cid;

    @Mixin
    private GrantOption grant;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        String token = grant.text(System.in);
        Pointer p = connection.ask(client -> client.admin().setPointer(channel, cid, token), "cannot set pointer " + channel);
        return output.show(p, AdminJson::pointer, PointerSetCommand::print);
    }

    static void print(Pointer p, PrintWriter out) {
        out.println("channel  " + p.getChannel());
        out.println("cid      " + p.getCid());
        out.println("version  " + p.getVersion() + "  (set " + p.getSetAt() + " by " + p.getSetBy() + ")");
        out.println("previous " + (p.getPrevious().isEmpty() ? "(none)" : p.getPrevious()));
    }
}

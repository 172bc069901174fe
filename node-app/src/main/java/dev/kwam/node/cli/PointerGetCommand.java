package dev.kwam.node.cli;

import dev.kwam.node.grpc.v1.Pointer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kwam pointer get CHANNEL}: the cid alone on stdout, so scripts can use it as is. */
@Command(name = "get",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Print the cid CHANNEL points at, alone on one line (linearizable: what any node would answer)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the cid is on stdout", "1:the channel was never set", "2:usage error, node unreachable"})
final class PointerGetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "The channel.")
    private String channel;

    @Mixin
    private NodeConnection connection;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws CliException {
        Pointer p = connection.ask(client -> client.admin().getPointer(channel), "cannot read pointer " + channel);
        return output.show(p, AdminJson::pointer, (pointer, out) -> out.println(pointer.getCid()));
    }
}

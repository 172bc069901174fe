package dev.kwam.node.cli;

import dev.kwam.codec.CodecSpec;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam client protect}: streams one file to a node; stdout carries only the object's cid, for scripts. */
@Command(name = "protect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Protect FILE on a running node: stream it over gRPC, print the object's cid (and nothing else) on stdout.",
            "The node answers once every stripe's write quorum is durable. Without --data/--parity the node's default code applies."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE is protected; its cid is on stdout",
            "2:usage error, FILE unreadable, node unreachable or refusing, too few nodes"})
final class ClientProtectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to protect.")
    private Path file;

    @Mixin
    private NodeConnection connection;

    @Option(names = "--data", paramLabel = "K", description = "Reed-Solomon data fragments per stripe (with --parity; default: the node's).")
    private Integer data;

    @Option(names = "--parity", paramLabel = "M", description = "Reed-Solomon parity fragments per stripe: any M may be lost.")
    private Integer parity;

    @Override
    public Integer call() throws CliException, IOException {
        Optional<CodecSpec> codec = codec();
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliError.io("cannot protect " + file, file.toString(),
                    Files.exists(file) ? "it is a directory or a special file" : "no such file",
                    "pass a regular file (pack a directory first: tar -cf dir.tar DIR)"));
        }
        long size = Files.size(file);
        KwamNode.Protected done;
        try (KwamClient client = connection.connect(); Progress progress = Progress.bytes("protect", size)) {
            done = client.protect(file, codec, progress);
        } catch (KwamClientException e) {
            throw connection.failure(e, "cannot protect " + file);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(done.object());
        stdout.flush();
        if (done.unplacedFragments() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("kwam client protect: warning: " + done.unplacedFragments()
                    + " fragment(s) are not placed yet; the node recorded them for repair");
            err.flush();
        }
        return ExitCodes.OK;
    }

    private Optional<CodecSpec> codec() {
        if (data == null && parity == null) {
            return Optional.empty();
        }
        int k = data != null ? data : CodecChoice.DEFAULT_DATA;
        int m = parity != null ? parity : CodecChoice.DEFAULT_PARITY;
        try {
            return Optional.of(new CodecSpec.ReedSolomonSpec(k, m));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data " + k + " --parity " + m
                    + " is not a valid code: " + e.getMessage());
        }
    }
}

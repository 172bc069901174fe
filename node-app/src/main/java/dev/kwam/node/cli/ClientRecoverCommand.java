package dev.kwam.node.cli;

import dev.kwam.codec.Cid;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.client.KwamClient;
import dev.kwam.node.client.KwamClientException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam client recover}: streams an object from a node into a file that appears only whole — after
 * the node ended the stream OK and the bytes hashed to the object's content cid — or not at all.
 */
@Command(name = "recover",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Recover the object CID from a running node into FILE.",
            "FILE appears only when the whole object arrived and hashed to its content cid; on any failure nothing is "
                    + "written and an existing FILE is left as it was."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE holds the verified object", "1:the object is unknown or unrecoverable",
            "2:usage error, node unreachable or refusing, or FILE cannot be written"})
final class ClientRecoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CID", converter = NodeConnection.CidConverter.class,
            description = "The object's cid, as kwam client protect printed it.")
    private Cid object;

    @Mixin
    private NodeConnection connection;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the object; replaced only after the whole object verified.")
    private Path out;

    @Override
    public Integer call() throws CliException {
        checkOut();
        KwamNode.ObjectInfo info;
        LazyProgress progress = new LazyProgress();
        try (KwamClient client = connection.connect()) {
            info = client.recover(object, out, progress::accept);
        } catch (KwamClientException e) {
            throw connection.failure(e, "cannot recover " + object + "; nothing was written to " + out);
        } finally {
            progress.close();
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("recovered  " + out + " (" + info.size() + " bytes)");
        stdout.println("object     " + info.cid());
        stdout.println("content    " + info.contentCid() + "  (verified)");
        stdout.flush();
        return ExitCodes.OK;
    }

    private void checkOut() throws CliException {
        Path absolute = out.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CliException(CliError.io("--out is a directory", absolute.toString(),
                    "--out names the file to create, not a directory", "pass a file path, e.g. --out " + absolute.resolve("recovered.bin")));
        }
        Directories.requireExisting(absolute.getParent(), "--out must be in an existing directory",
                "create it first: mkdir -p " + absolute.getParent());
    }

    /** The bar is drawn only once the node has said how large the object is. */
    private static final class LazyProgress implements AutoCloseable {
        private Progress bar;

        void accept(long size, long written) {
            if (bar == null && size >= 0) {
                bar = Progress.bytes("recover", size);
            }
            if (bar != null) {
                bar.accept(written);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}

package dev.kwam.node.cli;

import dev.kwam.codec.sign.KeyFiles;
import dev.kwam.codec.sign.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam keygen}: a new Ed25519 key pair for signing manifests, written where its owner says. */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Create an Ed25519 key pair for signing manifests.",
            "Writes DIR/kwam.key (private, mode 0600) and DIR/kwam.pub (public), both PEM, and prints the "
                    + "public key as ed25519:<hex> so others can pin it with --trust. Never overwrites an existing key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the key pair was written", "2:usage error, a key already exists, or the files could not be written"})
final class KeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for kwam.key and kwam.pub (created if missing).")
    private Path out;

    @Override
    public Integer call() throws CliException, IOException {
        Path priv = out.resolve(KeyFiles.PRIVATE_FILE);
        Path pub = out.resolve(KeyFiles.PUBLIC_FILE);
        for (Path existing : new Path[] {priv, pub}) {
            if (Files.exists(existing)) {
                throw new CliException(CliError.io("refusing to overwrite an existing key", existing.toString(),
                        "a key file is already there; replacing it would orphan every manifest it signed",
                        "choose another directory (kwam keygen --out NEW_DIR), or move " + out + " away first"));
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException(CliError.io("--out is not a directory", out.toString(),
                    "a file with that name exists", "pass a directory path for --out"));
        }
        SigningKey key = SigningKey.generate();
        KeyFiles.write(key, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("public key   " + key.publicKey());
        stdout.println("private key  " + priv + "  (mode 0600: keep it secret, keep it off servers)");
        stdout.println("public file  " + pub + "  (share it; recover with --trust " + pub + ")");
        stdout.flush();
        return ExitCodes.OK;
    }
}

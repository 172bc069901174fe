package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentKeyFiles;
import dev.kwam.dsl.consent.MintingKey;
import dev.kwam.dsl.consent.SignerKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam consent keygen}: one person's key for signing consent tokens on behalf of a signer. */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Create an Ed25519 key for signing consent tokens on behalf of a signer (an organisation).",
            "Writes DIR/ID.key (private, mode 0600: keep it with you, never on a server) and DIR/ID.pub "
                    + "(share it: a keyring is a directory of .pub files). Never overwrites an existing key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the key pair was written", "2:usage error, a key already exists, or the files could not be written"})
final class ConsentKeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--signer", required = true, paramLabel = "NAME",
            description = "The signer this key speaks for, e.g. acme-prod (a grant's signed_by).")
    private String signer;

    @Option(names = "--id", paramLabel = "ID",
            description = "This key's id, one per person, e.g. alice; names the files. Default: NAME.")
    private String id;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for ID.key and ID.pub (created if missing).")
    private Path out;

    @Override
    public Integer call() throws CliException, IOException {
        String keyId = id == null ? signer : id;
        requireName("--signer", signer);
        requireName("--id", keyId);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException(CliError.io("--out is not a directory", out.toString(), "a file with that name exists",
                    "pass a directory path for --out"));
        }
        for (String suffix : new String[] {ConsentKeyFiles.PRIVATE_SUFFIX, ConsentKeyFiles.PUBLIC_SUFFIX}) {
            Path existing = out.resolve(keyId + suffix);
            if (Files.exists(existing)) {
                throw new CliException(CliError.io("refusing to overwrite an existing key", existing.toString(),
                        "a key file is already there; replacing it would orphan every token it signed and every keyring "
                                + "that lists it",
                        "choose another --id or --out, or move the old key away first"));
            }
        }
        MintingKey key = MintingKey.generate(signer, keyId);
        ConsentKeyFiles.Written written = ConsentKeyFiles.write(key, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("signer       " + signer);
        stdout.println("key id       " + keyId);
        stdout.println("public key   " + key.identity().key());
        stdout.println("private key  " + written.privateFile() + "  (mode 0600: keep it secret, keep it off servers)");
        stdout.println("public file  " + written.publicFile() + "  (copy it into the keyring directories that should "
                + "accept " + keyId + "'s signature for " + signer + ")");
        stdout.flush();
        return ExitCodes.OK;
    }

    private static void requireName(String option, String value) throws CliException {
        String problem = SignerKey.nameProblem(value);
        if (problem != null) {
            throw new CliException(CliError.usage("invalid " + option + " '" + value + "'", null, problem,
                    "for example --signer acme-prod --id alice (at most " + SignerKey.MAX_NAME_CHARS + " characters)"));
        }
    }
}

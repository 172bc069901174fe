package dev.kwam.node.cli;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.sign.KeyFiles;
import dev.kwam.codec.sign.SigningKey;
import java.io.IOException;
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

/** {@code kwam protect}: one file in, SHA-gated fragment files and a signed {@code manifest.kwm} out. */
@Command(name = "protect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Erasure-code FILE into fragment files and a signed manifest.",
            "Writes DIR/sha256:<hex> (one file per fragment, named by its cid) and DIR/manifest.kwm.",
            "Without --key the manifest is signed by a throw-away key, printed so that it can be pinned."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE is protected", "2:usage error, or FILE/DIR/key could not be read or written"})
final class ProtectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to protect.")
    private Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the fragments and manifest.kwm (created if missing; must not hold a manifest yet).")
    private Path out;

    @Mixin
    private CodecChoice codec;

    @Option(names = "--key", paramLabel = "DIR",
            description = "Sign with the key in DIR (from kwam keygen). Default: a throw-away key.")
    private Path keyDir;

    @Mixin
    private ChunkSizes chunkSizes;

    @Override
    public Integer call() throws CliException, IOException {
        CodecSpec code = codec.resolve(spec.commandLine());
        ChunkerParams chunker = chunkSizes.resolve(spec.commandLine());
        long size = requireReadableFile();
        ProtectOptions.Builder options = ProtectOptions.builder().codec(code).chunker(chunker);
        if (keyDir != null) {
            options.signingKey(readKey());
        }
        prepareOutputDirectory();
        DirectoryFragmentStore store = new DirectoryFragmentStore(out);
        Manifest manifest;
        boolean ephemeral;
        try (Progress progress = Progress.bytes("protect", size)) {
            ProtectOptions built = options.progress(progress).build();
            ephemeral = built.ephemeralKey();
            manifest = Kwam.protect(file, built, store);
        }
        // Fragments first, durably; only then the manifest that points at them.
        store.flush();
        Path manifestPath = ManifestFile.write(out, manifest);
        report(manifest, manifestPath, ephemeral);
        return ExitCodes.OK;
    }

    private long requireReadableFile() throws CliException, IOException {
        if (!Files.exists(file)) {
            throw new CliException(CliError.io("cannot protect a file that does not exist", file.toString(),
                    "no such file", "check the path (relative paths start from " + System.getProperty("user.dir") + ")"));
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliError.io("protect takes a regular file", file.toString(),
                    "it is a directory or a special file",
                    "pack a directory into one file first, e.g. tar -cf dir.tar DIR, then protect dir.tar"));
        }
        return Files.size(file);
    }

    private void prepareOutputDirectory() throws CliException, IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException(CliError.io("--out is not a directory", out.toString(), "a file with that name exists",
                    "pass a directory for --out"));
        }
        Path existing = out.resolve(Manifest.FILE_NAME);
        if (Files.exists(existing)) {
            throw new CliException(CliError.io("refusing to overwrite an existing manifest", existing.toString(),
                    "DIR already holds the manifest of another protect run",
                    "choose an empty or new --out directory (fragments may share one, manifests may not)"));
        }
        Files.createDirectories(out);
    }

    private SigningKey readKey() throws CliException {
        try {
            return KeyFiles.readSigningKey(keyDir);
        } catch (IOException e) {
            throw new CliException(CliError.io("cannot read the signing key", keyDir.toString(), e.getMessage(),
                    "pass the directory kwam keygen --out wrote (it holds kwam.key and kwam.pub), "
                            + "or create one with: kwam keygen --out " + keyDir), e);
        }
    }

    private void report(Manifest m, Path manifestPath, boolean ephemeral) {
        PrintWriter stdout = spec.commandLine().getOut();
        int total = m.codec().totalCount();
        stdout.println("protected  " + file + " (" + m.objectSize() + " bytes)");
        stdout.println("manifest   " + m.cid() + "  " + manifestPath);
        stdout.println("object     " + m.objectCid());
        stdout.println("codec      " + m.codec() + "  (any " + m.codec().guaranteedTolerance()
                + " fragments of a stripe may be lost)");
        stdout.println("chunks     " + m.chunks().size() + "  (min " + ByteSize.format(m.chunkMin()) + ", avg "
                + ByteSize.format(m.chunkAvg()) + ", max " + ByteSize.format(m.chunkMax()) + ")");
        stdout.println("fragments  " + (long) m.chunks().size() * total + "  (" + total + " per stripe) in " + out);
        stdout.println("signer     " + m.signer() + (ephemeral ? "  (ephemeral: a throw-away key, not saved)"
                : "  (" + keyDir.resolve(KeyFiles.PRIVATE_FILE) + ")"));
        stdout.flush();
        if (ephemeral) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("kwam protect: note: no --key given, so the manifest is signed by an ephemeral key that was not saved.");
            err.println("  Pin this exact signer when recovering: --trust " + m.signer());
            err.println("  To sign with a key you keep: kwam keygen --out KEYDIR, then kwam protect ... --key KEYDIR");
            err.flush();
        }
    }
}

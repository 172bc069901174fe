package dev.kwam.node.cli;

import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.codec.FragmentProblem;
import dev.kwam.codec.FragmentState;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.RecoverOptions;
import dev.kwam.codec.RecoveryException;
import dev.kwam.codec.RecoveryResult;
import dev.kwam.codec.StripeFailure;
import dev.kwam.codec.TrustedKeys;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.manifest.ManifestFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam recover}: rebuilds the object from whatever fragments are good. Output appears
 * only whole and verified (temp file, fsync, rename); on any failure there is no output file and an
 * existing one is left as it was.
 */
@Command(name = "recover",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Rebuild the object a manifest describes from the fragment files in DIR.",
            "Every fragment and the whole object are checked against their SHA-256; FILE appears only "
                    + "when all of it verified, and nothing is written on failure.",
            "Without --trust the manifest's signer is NOT checked (it is named on stderr)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:FILE holds the verified object (damaged fragments that were not needed are named on stderr)",
            "1:not enough good fragments, or the manifest is invalid or not signed by a --trust key",
            "2:usage error, or a file could not be read or written"})
final class RecoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.kwm (or the directory holding it).")
    private Path manifestPath;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Directory holding the fragment files.")
    private Path from;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the object; replaced only after the whole object verified.")
    private Path out;

    @Option(names = "--trust", paramLabel = "PUBKEY",
            description = "Accept only manifests signed by this key: a kwam.pub file, a key directory, or "
                    + "ed25519:<hex>. Repeatable.")
    private List<String> trust = new ArrayList<>();

    @Override
    public Integer call() throws CliException, IOException {
        TrustedKeys trusted = TrustedSigners.read(trust);
        Manifest manifest = ManifestFile.read(manifestPath);
        Directories.requireExisting(from, "--from must be an existing directory",
                "pass the directory kwam protect --out wrote the fragments to");
        RecoveryResult result;
        try (AtomicOutputFile output = AtomicOutputFile.beside(out)) {
            if (!trusted.checksSigner()) {
                warnSignerUnchecked(manifest);
            }
            try (Progress progress = Progress.bytes("recover", manifest.objectSize())) {
                result = recover(manifest, trusted, output, progress);
            }
            output.commit();
        }
        report(manifest, result);
        return ExitCodes.OK;
    }

    private void warnSignerUnchecked(Manifest manifest) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kwam recover: warning: the manifest's signer " + manifest.signer() + " was NOT checked "
                + "(no --trust given).");
        err.println("  Every fragment and the object are still verified against their SHA-256; to also check "
                + "who signed, pass --trust " + manifest.signer() + " (or your kwam.pub).");
        err.flush();
    }

    private RecoveryResult recover(Manifest manifest, TrustedKeys trusted, AtomicOutputFile output, Progress progress)
            throws CliException, IOException {
        RecoverOptions options = RecoverOptions.defaults().withProgress(progress);
        try {
            return Kwam.recover(manifest, new DirectoryFragmentStore(from), output.stream(), trusted, options);
        } catch (ManifestFormatException untrusted) {
            throw new CliException(CliError.checkFailed("refusing a manifest no --trust key signed; nothing was written",
                    manifestPath.toString(), untrusted.getMessage(),
                    "check where this manifest came from; only if " + manifest.signer()
                            + " is a key you trust, pass it with --trust"), untrusted);
        } catch (RecoveryException failed) {
            String what = "cannot recover object " + manifest.objectCid() + "; nothing was written to " + out;
            if (failed.failures().isEmpty()) {
                // Every stripe decoded from verified fragments, yet the whole does not hash to the object cid.
                throw new CliException(CliError.checkFailed(what, from.toString(), failed.getMessage(),
                        "the manifest and its fragments disagree: re-copy manifest.kwm from its source and report "
                                + "this if it persists"), failed);
            }
            throw new CliException(CliError.checkFailed(what, from.toString(),
                    failed.failures().size() + " of " + manifest.chunks().size() + " stripe(s) lack enough good fragments:",
                    "copy the missing fragment files (named by cid) into " + from
                            + " from another copy, then run again; kwam verify lists every fragment's state")
                    .withDetails(describe(failed.failures())), failed);
        }
    }

    /** Per failed stripe, which fragments are missing and which are corrupt, by index and cid. */
    static List<String> describe(List<StripeFailure> failures) {
        List<String> lines = new ArrayList<>();
        for (StripeFailure f : failures) {
            lines.add("stripe " + f.stripe() + ": " + f.good() + " good fragment(s), " + f.needed() + " needed");
            for (FragmentState state : new FragmentState[] {FragmentState.MISSING, FragmentState.CORRUPT}) {
                for (FragmentProblem p : f.problems()) {
                    if (p.state() == state) {
                        lines.add("  " + state.label() + "  fragment " + p.fragmentIndex() + "  " + p.cid() + "  ("
                                + p.reason() + ")");
                    }
                }
            }
        }
        return lines;
    }

    private void report(Manifest manifest, RecoveryResult result) {
        PrintWriter err = spec.commandLine().getErr();
        for (FragmentProblem p : result.problems()) {
            err.println("kwam recover: warning: " + p);
        }
        if (!result.problems().isEmpty()) {
            err.println("  the object was still recovered and verified; the " + result.problems().size()
                    + " fragment(s) above need repair. recover reads only the fragments it needs: "
                    + "kwam verify checks every one.");
        }
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("recovered  " + out + " (" + result.bytesWritten() + " bytes)");
        stdout.println("object     " + result.objectCid() + "  (verified)");
        stdout.println("manifest   " + result.manifestCid());
        stdout.println("signer     " + manifest.signer() + (result.signerTrusted() ? "  (trusted)" : "  (NOT checked)"));
        stdout.flush();
    }
}

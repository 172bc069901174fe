package dev.kwam.node.cli;

import dev.kwam.codec.DirectoryFragmentStore;
import dev.kwam.codec.HealthReport;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.RecoverOptions;
import dev.kwam.codec.manifest.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam verify}: every fragment's health, by hash alone; nothing is decoded or written. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check every fragment a manifest names against its SHA-256, without decoding.",
            "Reports each missing or corrupt fragment and whether the object is still recoverable. "
                    + "Checks the manifest's signature, not who signed it (that is recover --trust)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every fragment is present and intact",
            "1:some fragment is missing or corrupt (the report says whether the object is still recoverable),"
                    + " or the manifest is invalid",
            "2:usage error, or a file could not be read"})
final class VerifyCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.kwm (or the directory holding it).")
    private Path manifestPath;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Directory holding the fragment files.")
    private Path from;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json; the JSON shape is in docs/cli.md.")
    private Format format;

    @Override
    public Integer call() throws CliException, IOException {
        Manifest manifest = ManifestFile.read(manifestPath);
        Directories.requireExisting(from, "--from must be an existing directory",
                "pass the directory kwam protect --out wrote the fragments to");
        HealthReport report;
        try (Progress progress = Progress.bytes("verify", manifest.objectSize())) {
            report = Kwam.verify(manifest, new DirectoryFragmentStore(from), RecoverOptions.defaults().withProgress(progress));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (format == Format.json) {
            stdout.println(HealthReportJson.render(report));
            stdout.flush();
            if (!report.healthy()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("kwam verify: " + HealthReportText.summary(report,
                        (long) manifest.chunks().size() * manifest.codec().totalCount()));
                err.flush();
            }
        } else {
            HealthReportText.print(manifest, report, stdout);
        }
        return report.healthy() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}

package dev.kwam.node.cli;

import dev.kwam.actors.pki.PemFiles;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.node.audit.AuditVerdict;
import dev.kwam.node.audit.AuditVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam audit verify}: the whole chain, every signature and the head, read-only; names the first broken line. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Verify DATA/audit/audit.log: each line a canonical record, seq in order, prev = SHA-256 of the line "
                    + "before, the signature by the node's key, and the log as long as the signed audit.head says.",
            "Detects an edit, deletion, reordering or truncation and names the first broken line; someone holding "
                    + "the node's key can rewrite the whole log undetected (docs/security.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the log is intact",
            "1:the log is broken; the first broken line and why are named",
            "2:usage error, no audit log in DATA, or the certificate could not be read"})
final class AuditVerifyCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory (kwam up --data).")
    private Path data;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "The node certificate whose key signs the log (default: DATA/audit/signer.crt, copied there "
                    + "when the log was created; pass a copy kept elsewhere to rule out a replaced signer).")
    private Path cert;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json; the JSON shape is in docs/cli.md.")
    private Format format;

    @Override
    public Integer call() throws CliException, IOException {
        Directories.requireExisting(data, "--data must be an existing directory", "pass the node's kwam up --data directory");
        Path log = AuditVerifier.logFile(data);
        if (!Files.isRegularFile(log)) {
            throw new CliException(CliError.io("there is no audit log", log.toString(), "the file does not exist",
                    "pass the data directory of a node that has written audit records"));
        }
        Path certFile = cert != null ? cert : AuditVerifier.signerCertificate(data);
        X509Certificate certificate;
        try {
            certificate = PemFiles.readCertificate(certFile);
        } catch (PkiException e) {
            throw PkiCommand.refused(e, ExitCodes.USAGE_OR_IO);
        }
        AuditVerdict verdict = new AuditVerifier(certificate.getPublicKey()).verify(data);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(log, verdict));
            out.flush();
        }
        if (verdict instanceof AuditVerdict.Intact ok) {
            if (format == Format.text) {
                out.println(log + ": intact, " + ok.records() + " record(s)"
                        + (ok.records() == 0 ? "" : ", seq " + ok.firstSeq() + ".." + ok.lastSeq())
                        + ok.head().map(h -> ", head seq " + h.seq() + " sha256 " + h.hash()).orElse(", no head yet")
                        + (ok.unsealed() > 0 ? ", " + ok.unsealed() + " record(s) after the head (sealed on the next open)" : ""));
                out.flush();
            }
            return ExitCodes.OK;
        }
        AuditVerdict.Broken broken = (AuditVerdict.Broken) verdict;
        String where = broken.line() == 0 ? log.resolveSibling("audit.head").toString() : log + ":" + broken.line();
        CliError error = CliError.checkFailed(broken.line() == 0 ? "the audit log's head is broken"
                        : "the audit log is broken at line " + broken.line(), where,
                broken.reason() + " [" + broken.problem() + "]",
                "keep the directory as evidence" + (broken.intactBefore() == 0 ? "; no line verifies before it"
                        : "; lines 1.." + broken.intactBefore() + " verify") + " (docs/security.md: the audit log)");
        error.printTo(spec.commandLine().getErr(), "kwam audit verify");
        return ExitCodes.CHECK_FAILED;
    }

    static String json(Path log, AuditVerdict verdict) {
        JsonWriter w = new JsonWriter().beginObject().field("format_version", "1").field("log", log.toString());
        if (verdict instanceof AuditVerdict.Intact ok) {
            w.field("intact", true).field("records", ok.records()).field("first_seq", ok.firstSeq())
                    .field("last_seq", ok.lastSeq()).field("unsealed", ok.unsealed()).name("head");
            ok.head().ifPresentOrElse(h -> w.beginObject().field("seq", h.seq()).field("sha256", h.hash()).endObject(),
                    w::nullValue);
        } else if (verdict instanceof AuditVerdict.Broken broken) {
            w.field("intact", false).field("line", broken.line()).field("intact_before", broken.intactBefore())
                    .field("problem", broken.problem()).field("reason", broken.reason());
        }
        return w.endObject().toString();
    }
}

package dev.kwam.node.cli;

import dev.kwam.actors.pki.CertificateAuthority;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PkiException;
import dev.kwam.dsl.identity.SpiffeId;
import dev.kwam.dsl.identity.SpiffeIdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kwam pki issue}: a node certificate carrying one SPIFFE ID, signed by the CA in {@code --ca}. */
@Command(name = "issue",
        mixinStandardHelpOptions = true,
        description = {
            "Issue a node certificate (RSA 2048, valid 1 year) whose only subject alternative name is the SPIFFE ID.",
            "Writes DIR2/ca.crt, DIR2/node.crt and DIR2/node.key (mode 0600): what kwam up --pki DIR2 reads. "
                    + "Never overwrites existing files."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the certificate was written",
            "2:usage error, a malformed SPIFFE ID or one outside the CA's trust domain, an unusable CA, an existing file, or an I/O error"})
final class PkiIssueCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The directory kwam pki init wrote (ca.crt, ca.key).")
    private Path ca;

    @Option(names = "--spiffe-id", required = true, paramLabel = "ID",
            description = "The node's identity, e.g. spiffe://example.org/acme/cl-7/az1/pod-3/node-12/kwamd.")
    private String spiffeId;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Directory for ca.crt, node.crt and node.key (created if missing).")
    private Path out;

    @Override
    public Integer call() throws CliException, IOException {
        SpiffeIdResult<SpiffeId> parsed = SpiffeId.tryParse(spiffeId);
        if (parsed instanceof SpiffeIdResult.Invalid<SpiffeId> invalid) {
            throw PkiCommand.badSpiffeText("--spiffe-id", spiffeId, invalid.error(), "not a valid SPIFFE ID");
        }
        SpiffeId id = parsed.orThrow();
        CertificateAuthority authority;
        NodeCertificate node;
        try {
            authority = CertificateAuthority.load(ca);
            authority.checkIssuable(id);
            PkiCommand.refuseExisting(out, NodeCertificate.CA_FILE, NodeCertificate.CERT_FILE, NodeCertificate.KEY_FILE);
            node = authority.issue(id);
        } catch (PkiException e) {
            throw PkiCommand.refused(e, ExitCodes.USAGE_OR_IO);
        }
        node.write(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("spiffe id     " + node.id());
        stdout.println("certificate   " + out.resolve(NodeCertificate.CERT_FILE) + "  (valid until "
                + node.certificate().getNotAfter().toInstant() + ", serial " + node.certificate().getSerialNumber().toString(16) + ")");
        stdout.println("private key   " + out.resolve(NodeCertificate.KEY_FILE) + "  (mode 0600)");
        stdout.println("trust anchor  " + out.resolve(NodeCertificate.CA_FILE) + "  (trust domain " + authority.trustDomain()
                + (authority.isDevelopment() ? ", DEVELOPMENT CA" : "") + ")");
        stdout.println("next          kwam up --pki " + out + " ...");
        stdout.flush();
        return ExitCodes.OK;
    }
}

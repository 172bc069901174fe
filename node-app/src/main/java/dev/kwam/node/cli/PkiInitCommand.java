package dev.kwam.node.cli;

import dev.kwam.actors.pki.CertificateAuthority;
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

/** {@code kwam pki init}: a new root CA for one trust domain. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create a root CA (RSA 3072, valid 10 years) for a trust domain.",
            "Writes DIR/ca.crt (give it to every node) and DIR/ca.key (mode 0600; keep it off the nodes). "
                    + "Never overwrites an existing CA."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the CA was written", "2:usage error, an invalid trust domain, an existing CA, or an I/O error"})
final class PkiInitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--trust-domain", required = true, paramLabel = "D",
            description = "The trust domain name: lowercase letters, digits, '.', '-' and '_' (e.g. example.org).")
    private String trustDomain;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for ca.crt and ca.key (created if missing).")
    private Path out;

    @Override
    public Integer call() throws CliException, IOException {
        SpiffeIdResult<String> domain = SpiffeId.tryParseTrustDomain(trustDomain);
        if (domain instanceof SpiffeIdResult.Invalid<String> invalid) {
            throw PkiCommand.badSpiffeText("--trust-domain", trustDomain, invalid.error(), "not a valid trust domain name");
        }
        PkiCommand.refuseExisting(out, CertificateAuthority.CERT_FILE, CertificateAuthority.KEY_FILE);
        CertificateAuthority ca = CertificateAuthority.create(domain.orThrow());
        ca.write(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("trust domain  " + ca.trustDomain());
        stdout.println("certificate   " + out.resolve(CertificateAuthority.CERT_FILE) + "  (every node trusts this root)");
        stdout.println("private key   " + out.resolve(CertificateAuthority.KEY_FILE)
                + "  (mode 0600: keep it off the nodes, ideally offline)");
        stdout.println("valid until   " + ca.certificate().getNotAfter().toInstant());
        stdout.println("sha-256       " + PkiShowCommand.fingerprint(ca.certificate()));
        stdout.println("next          kwam pki issue --ca " + out + " --spiffe-id spiffe://" + ca.trustDomain()
                + "/<tenant>/<cluster>/<az>/<pod>/<node>/<workload> --out NODE_DIR");
        stdout.flush();
        return ExitCodes.OK;
    }
}

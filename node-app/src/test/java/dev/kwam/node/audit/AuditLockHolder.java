package dev.kwam.node.audit;

import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import java.nio.file.Path;

/**
 * Another process holding a log open, for {@link AuditLogLockTest}: opens {@code args[1]} with the
 * identity in {@code args[0]/pki}, says {@code open} (or the refusal) on stdout, and holds it until stdin closes.
 */
public final class AuditLockHolder {
    private AuditLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        NodeCertificate node = NodeCertificate.load(Path.of(args[0]).resolve(DevelopmentPki.DIRECTORY));
        try (AuditLog log = AuditLog.open(Path.of(args[1]), node)) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our stdin
            }
        } catch (AuditException e) {
            System.out.println("refused: " + e.what());
        }
    }
}

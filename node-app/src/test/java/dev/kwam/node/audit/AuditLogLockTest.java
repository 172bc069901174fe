package dev.kwam.node.audit;

import static dev.kwam.node.audit.AuditFixtures.NODE;
import static dev.kwam.node.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per directory across processes: the file lock, not only this JVM's bookkeeping. */
class AuditLogLockTest {

    @TempDir
    Path data;

    @Test
    void aLogHeldByAnotherProcessIsRefusedHereUntilThatProcessLetsGo() throws Exception {
        Process holder = holder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("open", out.readLine());
            AuditException refused = assertThrows(AuditException.class, () -> AuditLog.open(data, NODE));
            assertEquals("the audit log is already open", refused.what());
            holder.getOutputStream().close();
            assertEquals(true, holder.waitFor(60, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals(1, log.append(record(1)));
        }
    }

    @Test
    void aLogHeldHereIsRefusedToAnotherProcess() throws Exception {
        try (AuditLog log = AuditLog.open(data, NODE)) {
            // The refused in-JVM opener must not have dropped the lock this JVM holds (POSIX drops it on any close).
            assertThrows(AuditException.class, () -> AuditLog.open(data, NODE));
            Process other = holder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("refused: the audit log is already open", out.readLine());
            } finally {
                other.destroyForcibly();
            }
            assertEquals(1, log.append(record(1)));
        }
    }

    private Process holder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), AuditLockHolder.class.getName(),
                AuditFixtures.NODE_HOME.toString(), data.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}

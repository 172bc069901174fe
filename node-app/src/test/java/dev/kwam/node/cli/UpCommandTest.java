package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kwam up}'s refusals to start: each exits before any node runs, saying what, where, why and the fix. */
class UpCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int up(String... args) {
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("up"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }


    @Test
    void aControlPortInUseExits2WithWhatWhereWhyFix() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            int code = up("--data", dir.resolve("data").toString(), "--control-port", String.valueOf(port),
                    "--data-port", String.valueOf(port + 1 == 65536 ? port - 1 : port + 1), "--metrics-port",
                    String.valueOf(port + 2 > 65535 ? port - 2 : port + 2));
            assertEquals(ExitCodes.USAGE_OR_IO, code, err.toString());
            assertTrue(err.toString().contains("the control port is not available"), err.toString());
            assertTrue(err.toString().contains("where: 127.0.0.1:" + port), err.toString());
            assertTrue(err.toString().contains("fix:") && err.toString().contains("--control-port"), err.toString());
        }
    }

    @Test
    void aPkiDirectoryWithoutCertificatesExits2() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("empty-pki"));
        int code = up("--data", dir.resolve("data").toString(), "--pki", pki.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, code, err.toString());
        assertTrue(err.toString().contains("certificates cannot"), err.toString());
        assertTrue(err.toString().contains("fix:"), err.toString());
    }

    @Test
    void aMissingPkiDirectoryExits2() {
        int code = up("--data", dir.resolve("data").toString(), "--pki", dir.resolve("nowhere").toString());
        assertEquals(ExitCodes.USAGE_OR_IO, code, err.toString());
        assertTrue(err.toString().contains("the PKI directory does not exist"), err.toString());
    }

    @Test
    void aDataDirectoryThatIsAFileExits2() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        int code = up("--data", file.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, code, err.toString());
        assertTrue(err.toString().contains("the data directory cannot be created"), err.toString());
        assertTrue(err.toString().contains("where: " + file), err.toString());
    }

    @Test
    void aPolicyWithErrorsExits1WithDiagnosticsAndStartsNothing() throws Exception {
        Path policy = Files.writeString(dir.resolve("bad.kwam"), "this is { not a policy\n");
        Path data = dir.resolve("data");
        int code = up("--data", data.toString(), "--policy", policy.toString());
        assertEquals(ExitCodes.CHECK_FAILED, code, err.toString());
        assertTrue(err.toString().contains(policy.toString()), err.toString());
        assertTrue(err.toString().contains("the node was not started"), err.toString());
        assertFalse(Files.exists(data), "no data directory, no certificates: nothing was started");
    }

    @Test
    void aPolicyThatParsesButFailsLoweringIsRefusedToo() throws Exception {
        // The tour with MINT_ME unreplaced: syntax and schemas are fine, the consent reference is not.
        Path policy = Files.copy(Path.of(System.getProperty("kwam.examples"), "h100_dc.kwam"),
                dir.resolve("tour.kwam"));
        Path data = dir.resolve("data");
        int code = up("--data", data.toString(), "--policy", policy.toString());
        assertEquals(ExitCodes.CHECK_FAILED, code, err.toString());
        assertTrue(err.toString().contains("KW-L"), "a lowering diagnostic, not a parse one: " + err);
        assertFalse(Files.exists(data), "nothing was started");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE_OR_IO, up("--seed", "nohost"));
        assertTrue(err.toString().contains("bad --seed"), err.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, up("--domain", "rack"));
        assertEquals(ExitCodes.USAGE_OR_IO, up("--control-port", "7400", "--metrics-port", "7400"));
    }
}

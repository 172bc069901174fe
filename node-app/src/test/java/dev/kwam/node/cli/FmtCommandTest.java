package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kwam fmt}, run in-process: exit codes, --check, --write, and never writing a broken file. */
class FmtCommandTest {
    private static final String MESSY = "apiVersion  \"kwam.dev/v0.2\"\n\n\nlet  x=[1 ,2]\n";
    private static final String CANONICAL = "apiVersion \"kwam.dev/v0.2\"\n\nlet x = [1, 2]\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("policy.kwam"), text);
    }

    @Test
    void printsTheCanonicalLayoutToStdout() throws IOException {
        Path f = file(MESSY);
        assertEquals(ExitCodes.OK, run("fmt", f.toString()));
        assertEquals(CANONICAL, out.toString());
        assertEquals(MESSY, Files.readString(f), "without --write the file is untouched");
    }

    @Test
    void checkExitsOneAndShowsTheFirstDifferenceOrZeroWhenCanonical() throws IOException {
        Path f = file(MESSY);
        assertEquals(ExitCodes.CHECK_FAILED, run("fmt", "--check", f.toString()));
        assertTrue(out.toString().contains("@@ line 1 @@\n-apiVersion  \"kwam.dev/v0.2\"\n+apiVersion \"kwam.dev/v0.2\"\n"), out.toString());
        assertTrue(out.toString().contains("not in canonical layout"), out.toString());
        Files.writeString(f, CANONICAL);
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("fmt", "--check", f.toString()));
        assertEquals("", out.toString());
    }

    @Test
    void writeRewritesInPlaceAndLeavesNoTempFile() throws IOException {
        Path f = file(MESSY);
        assertEquals(ExitCodes.OK, run("fmt", "--write", f.toString()));
        assertEquals(CANONICAL, Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertEquals(ExitCodes.OK, run("fmt", "--check", f.toString()));
    }

    @Test
    void aFileWithParseErrorsIsReportedAndNeverWritten() throws IOException {
        String broken = "apiVersion \"kwam.dev/v0.2\"\nreplicate r {\n  facter 3\n  anti_affinity [rack]\n}\n";
        Path f = file(broken);
        assertEquals(ExitCodes.CHECK_FAILED, run("fmt", "--write", f.toString()));
        assertEquals(broken, Files.readString(f));
        assertTrue(err.toString().contains("error[KW-P020] unknown key 'facter'"), err.toString());
        assertTrue(err.toString().contains("did you mean 'factor'?"), err.toString());
    }

    @Test
    void usageAndIoErrorsExitTwo() throws IOException {
        Path f = file(CANONICAL);
        assertEquals(ExitCodes.USAGE_OR_IO, run("fmt", "--check", "--write", f.toString()));
        assertEquals(ExitCodes.USAGE_OR_IO, run("fmt", dir.resolve("missing.kwam").toString()));
        assertEquals(ExitCodes.USAGE_OR_IO, run("fmt"));
    }
}

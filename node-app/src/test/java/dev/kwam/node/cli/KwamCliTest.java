package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Exit codes and messages for command-line mistakes, run in-process. */
class KwamCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void unknownCommandExitsTwoWithASuggestion() {
        assertEquals(ExitCodes.USAGE_OR_IO, run("keygne"));
        assertTrue(err.toString().contains("unknown command 'keygne'"), err.toString());
        assertTrue(err.toString().contains("Did you mean: kwam keygen"), err.toString());
        assertTrue(err.toString().contains("Run 'kwam --help'"), err.toString());
    }

    @Test
    void unknownOptionExitsTwoAndPointsAtTheCommandsHelp() {
        assertEquals(ExitCodes.USAGE_OR_IO, run("keygen", "--outt", "x"));
        assertTrue(err.toString().contains("Run 'kwam keygen --help'"), err.toString());
    }

    @Test
    void missingRequiredOptionExitsTwo() {
        assertEquals(ExitCodes.USAGE_OR_IO, run("keygen"));
        assertTrue(err.toString().contains("--out"), err.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE_OR_IO, run());
        assertTrue(err.toString().contains("missing a command"), err.toString());
    }

    @Test
    void helpAndVersionExitZeroOnStdout() {
        assertEquals(ExitCodes.OK, run("--help"));
        assertTrue(out.toString().contains("keygen"), out.toString());
        assertEquals(ExitCodes.OK, run("--version"));
        assertTrue(out.toString().contains("pekko "), out.toString());
        assertFalse(out.toString().contains("pekko unknown"), out.toString());
        assertEquals("", err.toString());
    }
}

package dev.kwam.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.Position;
import dev.kwam.dsl.diag.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caps that keep a hostile file cheap to refuse. */
class ParserLimitsTest {

    @Test
    void aFileOverFourMebibytesIsRefusedBeforeLexing() {
        byte[] big = new byte[PolicyParser.MAX_SOURCE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        ParseResult r = PolicyParser.parse("big.kwam", big);
        assertEquals(List.of(ParseCode.FILE_TOO_LARGE), r.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(new Position(1, 1), r.diagnostics().get(0).start());
        String text = "é".repeat(PolicyParser.MAX_SOURCE_BYTES / 2 + 1);
        assertEquals(ParseCode.FILE_TOO_LARGE, PolicyParser.parse(SourceFile.of("big.kwam", text)).diagnostics().get(0).code(),
                "the cap counts UTF-8 bytes, not characters");
    }

    @Test
    void exactlyFourMebibytesIsStillParsed() {
        String header = "apiVersion \"kwam.dev/v0.2\"\n";
        StringBuilder s = new StringBuilder(header);
        while (s.length() < PolicyParser.MAX_SOURCE_BYTES - 1) {
            s.append('#');
        }
        s.append('\n');
        assertEquals(PolicyParser.MAX_SOURCE_BYTES, s.toString().getBytes(StandardCharsets.UTF_8).length);
        ParseResult r = PolicyParser.parse("edge.kwam", s.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void afterAHundredErrorsTheReportStops() {
        StringBuilder s = new StringBuilder("apiVersion \"kwam.dev/v0.2\"\n");
        for (int i = 0; i < 500; i++) {
            s.append("let x").append(i).append(" = 1__0\n");
        }
        List<Diagnostic> d = PolicyParser.parse(SourceFile.of("noisy.kwam", s.toString())).diagnostics();
        assertEquals(Diagnostics.LIMIT + 1, d.size());
        assertEquals(ParseCode.TOO_MANY_ERRORS, d.get(d.size() - 1).code());
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deep = "apiVersion \"kwam.dev/v0.2\"\nlet x = " + "[".repeat(200_000) + "\n";
        ParseResult r = PolicyParser.parse(SourceFile.of("deep.kwam", deep));
        assertFalse(r.ok());
        assertEquals(ParseCode.TOO_DEEP, r.diagnostics().get(0).code());
        String ternaries = "apiVersion \"kwam.dev/v0.2\"\nlet x = " + "1 > 2 ? ".repeat(5_000) + "1 : 2\n";
        assertEquals(ParseCode.TOO_DEEP, PolicyParser.parse(SourceFile.of("t.kwam", ternaries)).diagnostics().get(0).code());
    }
}

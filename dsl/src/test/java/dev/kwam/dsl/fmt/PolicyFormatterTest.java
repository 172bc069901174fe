package dev.kwam.dsl.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.parse.PolicyParser;
import dev.kwam.dsl.syntax.SyntaxTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyFormatterTest {

    private static String fmt(String text) {
        FormatResult r = PolicyFormatter.format(SourceFile.of("t.kwam", text));
        return assertInstanceOf(FormatResult.Formatted.class, r, r.toString()).text();
    }

    @Test
    void normalisesIndentationSpacingCommentsAndBlankLines() {
        String messy = "\n\n# header comment   \n  apiVersion   \"kwam.dev/v0.2\"\r\n\n\n\n"
                + "let  fanout=8x\nlet l = [ a ,b,   c ]\nlet i = ${ fanout }\n"
                + "replicate r {\n\n\tfactor 3 # three\n      anti_affinity [rack] # spread\n\n\n  codec {\n scheme rs\n   }\n\n}\n\n";
        assertEquals("""
                # header comment
                apiVersion "kwam.dev/v0.2"

                let fanout = 8x
                let l = [a, b, c]
                let i = ${fanout}
                replicate r {
                  factor 3              # three
                  anti_affinity [rack]  # spread

                  codec {
                    scheme rs
                  }
                }
                """, fmt(messy));
    }

    @Test
    void keepsLineBreaksInsideListsAndIndentsThem() {
        String text = "apiVersion \"kwam.dev/v0.2\"\nlet waves = [\n1percent,\n   5percent # small\n]\nlet m = {\n\"a\" 1\n}\nlet e = {}\n";
        assertEquals("apiVersion \"kwam.dev/v0.2\"\nlet waves = [\n  1percent,\n  5percent  # small\n]\nlet m = {\n  \"a\" 1\n}\nlet e = {}\n",
                fmt(text));
    }

    @Test
    void isIdempotentAndKeepsTheTourProgramsSyntaxTree() throws IOException {
        Path tour = Path.of(System.getProperty("kwam.examples"), "h100_dc.kwam");
        String original = Files.readString(tour);
        String once = fmt(original);
        assertEquals(once, fmt(once));
        assertTrue(SyntaxTrees.equalIgnoringSpans(
                PolicyParser.parse(SourceFile.of("a", original)).program().orElseThrow(),
                PolicyParser.parse(SourceFile.of("b", once)).program().orElseThrow()));
    }

    @Test
    void refusesAFileThatDoesNotParse() {
        FormatResult r = PolicyFormatter.format(SourceFile.of("bad.kwam", "apiVersion \"kwam.dev/v0.2\"\nsever s {\n}\n"));
        FormatResult.Refused refused = assertInstanceOf(FormatResult.Refused.class, r);
        assertEquals("KW-P019", refused.diagnostics().get(0).code().id());
    }

    @Test
    void aCanonicalFileIsUnchanged() {
        String canonical = "apiVersion \"kwam.dev/v0.2\"\nlet a = 1\n";
        FormatResult.Formatted f = (FormatResult.Formatted) PolicyFormatter.format(SourceFile.of("t", canonical));
        assertFalse(f.changed());
    }

    @Test
    void syntaxTreesDifferingOnlyInLayoutAreEqualAndOtherwiseNot() {
        var a = PolicyParser.parse(SourceFile.of("a", "apiVersion \"kwam.dev/v0.2\"\nlet x = [1,2]\n")).program().orElseThrow();
        var b = PolicyParser.parse(SourceFile.of("b", "\napiVersion \"kwam.dev/v0.2\"\n\nlet x = [ 1, 2 ] # c\n")).program().orElseThrow();
        var c = PolicyParser.parse(SourceFile.of("c", "apiVersion \"kwam.dev/v0.2\"\nlet x = [1,3]\n")).program().orElseThrow();
        assertTrue(SyntaxTrees.equalIgnoringSpans(a, b));
        assertFalse(SyntaxTrees.equalIgnoringSpans(a, c));
    }
}

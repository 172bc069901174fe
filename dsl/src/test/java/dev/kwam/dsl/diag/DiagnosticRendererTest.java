package dev.kwam.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.dsl.parse.ParseResult;
import dev.kwam.dsl.parse.PolicyParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {

    @Test
    void rendersWhatWhereExpectedAndHowToFixWithCaretsUnderTheSpan() {
        String text = "apiVersion \"kwam.dev/v0.2\"\nreplicate r {\n  facter 3\n  anti_affinity [rack]\n}\n";
        ParseResult result = PolicyParser.parse(SourceFile.of("policy.kwam", text));
        assertEquals("""
                policy.kwam:3:3: error[KW-P020] unknown key 'facter' in replicate block 'r'
                   3 |   facter 3
                     |   ^^^^^^
                   = expected one of: factor, anti_affinity, max_factor, codec, chunker, repair
                   = hint: did you mean 'factor'?
                """, DiagnosticRenderer.render(result.diagnostics()));
    }

    @Test
    void caretsFollowTabsAndCountCharactersNotBytes() {
        SourceFile source = SourceFile.of("t.kwam", "x\n\t\"\u00e9\u00e9\" bad\n");
        Diagnostic d = new Diagnostic(ParseCode.SYNTAX, source, new Span(8, 11), "m", java.util.List.of(), Optional.empty());
        assertEquals(new Position(2, 7), d.start());
        assertEquals("t.kwam:2:7: error[KW-P027] m\n   2 | \t\"\u00e9\u00e9\" bad\n     | \t     ^^^\n",
                DiagnosticRenderer.render(d));
    }

    @Test
    void codesCarryTheirClassLetter() {
        assertEquals("KW-P001", ParseCode.FILE_TOO_LARGE.id());
        assertEquals(DiagnosticClass.PARSE, ParseCode.UNKNOWN_KEY.diagnosticClass());
        assertEquals("parse", DiagnosticClass.PARSE.jsonName());
    }

    @Test
    void suggestionsFindTyposButNotStrangers() {
        java.util.List<String> keys = java.util.List.of("factor", "anti_affinity", "max_factor");
        assertEquals(Optional.of("factor"), Suggestions.closest("facter", keys));
        assertEquals(Optional.of("factor"), Suggestions.closest("fatcor", keys));
        assertEquals(Optional.empty(), Suggestions.closest("colour", keys));
        assertEquals(Optional.empty(), Suggestions.closest("ab", java.util.List.of("ca")));
    }
}

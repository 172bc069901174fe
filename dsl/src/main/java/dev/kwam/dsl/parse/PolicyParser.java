package dev.kwam.dsl.parse;

import dev.kwam.dsl.diag.Diagnostic;
import dev.kwam.dsl.diag.Diagnostics;
import dev.kwam.dsl.diag.ParseCode;
import dev.kwam.dsl.diag.SourceFile;
import dev.kwam.dsl.diag.Span;
import dev.kwam.dsl.lex.LexedSource;
import dev.kwam.dsl.lex.Lexer;
import dev.kwam.dsl.syntax.Program;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The front half of the policy compiler: text in, a {@link Program} or diagnostics out. Total:
 * whatever the input, it returns (in time linear in the input) and throws nothing. A file with
 * any error yields no program.
 */
public final class PolicyParser {
    /** The one language version this parser speaks. */
    static final String API_VERSION = "kwam.dev/v0.2";
    /** A policy is configuration; 4 MiB is room for ~100k lines and keeps a hostile file cheap to refuse. */
    public static final int MAX_SOURCE_BYTES = 4 * 1024 * 1024;
    /** Blocks, lists, maps, interpolations and conditionals together nest at most this deep. */
    static final int MAX_DEPTH = 16;

    private PolicyParser() {
    }

    public static ParseResult parse(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics(source);
        long bytes = utf8Length(source.text());
        if (bytes > MAX_SOURCE_BYTES) {
            return tooLarge(source, bytes);
        }
        LexedSource lexed = Lexer.lex(source, diagnostics);
        Optional<Program> program = new Parser(new TokenCursor(lexed, diagnostics)).program();
        if (program.isEmpty() || diagnostics.hasErrors()) {
            return new ParseResult.Failed(source, inFileOrder(diagnostics.all()));
        }
        return new ParseResult.Parsed(source, program.get());
    }

    /** Parses a file's bytes, which must be UTF-8; {@code name} is what diagnostics print. */
    public static ParseResult parse(String name, byte[] utf8) {
        if (utf8.length > MAX_SOURCE_BYTES) {
            return tooLarge(SourceFile.of(name, ""), utf8.length);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int badByte = in.position();
            String valid = out.flip().toString();
            // Show the text up to the bad byte, so the caret points at where it is.
            String shown = valid + new String(utf8, badByte, Math.min(utf8.length - badByte, 256), StandardCharsets.UTF_8);
            SourceFile source = SourceFile.of(name, shown);
            Diagnostics d = new Diagnostics(source);
            d.error(ParseCode.NOT_UTF8, new Span(valid.length(), Math.min(valid.length() + 1, shown.length())),
                    "byte " + badByte + " (0x" + String.format("%02x", utf8[badByte] & 0xff) + ") is not valid UTF-8", List.of(),
                    "save the file as UTF-8; only strings and comments may hold non-ASCII text");
            return new ParseResult.Failed(source, d.all());
        }
        decoder.flush(out);
        return parse(SourceFile.of(name, out.flip().toString()));
    }

    /** Decodes for callers (the formatter) that need the same text the parser saw; empty when not UTF-8. */
    public static Optional<String> decode(byte[] utf8) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString());
        } catch (CharacterCodingException notUtf8) {
            // The caller reports this through parse(name, bytes), which pinpoints the byte.
            return Optional.empty();
        }
    }

    /** Lexical errors are found in a first pass; people read a report top to bottom. */
    private static List<Diagnostic> inFileOrder(List<Diagnostic> all) {
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.code() == ParseCode.TOO_MANY_ERRORS ? 1 : 0)
                .thenComparingInt(d -> d.span().start()));
        return sorted;
    }

    private static ParseResult tooLarge(SourceFile source, long bytes) {
        Diagnostics d = new Diagnostics(source);
        d.error(ParseCode.FILE_TOO_LARGE, new Span(0, 0), "the file has " + bytes + " bytes; a policy may have at most "
                + MAX_SOURCE_BYTES + " (4 MiB)", List.of(), "split it, or move repeated values into let bindings and modules");
        return new ParseResult.Failed(source, d.all());
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

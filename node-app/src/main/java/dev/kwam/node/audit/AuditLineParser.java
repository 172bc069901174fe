package dev.kwam.node.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a line back into an {@link AuditLine}, accepting only the canonical form {@link AuditLine}
 * writes; the verifier then re-renders it and compares, so a line that parses is byte for byte what
 * its fields say.
 */
final class AuditLineParser {
    private static final String[] TEXT_FIELDS = {"time", "kind", "actor", "action", "resource", "decision", "reason"};

    private final String s;
    private int at;

    private AuditLineParser(String s) {
        this.s = s;
    }

    /** The line, or a {@link Malformed} saying where it stops being an audit record. */
    static AuditLine parse(String line) throws Malformed {
        AuditLineParser p = new AuditLineParser(line);
        p.expect("{\"seq\":");
        long seq = p.number();
        p.expect(",\"prev\":\"");
        String prev = p.hex64();
        p.expect("\"");
        List<String> text = new ArrayList<>();
        for (String name : TEXT_FIELDS) {
            p.expect(",\"" + name + "\":");
            text.add(p.string());
        }
        p.expect(",\"sig\":\"");
        int sigStart = p.at;
        while (p.at < line.length() && line.charAt(p.at) != '"') {
            p.at++;
        }
        String sig = line.substring(sigStart, p.at);
        p.expect("\"}");
        if (p.at != line.length()) {
            throw new Malformed("text after the record's closing brace at column " + (p.at + 1));
        }
        AuditRecord record;
        try {
            record = new AuditRecord(text.get(1), text.get(2), text.get(3), text.get(4), text.get(5), text.get(6));
        } catch (IllegalArgumentException e) {
            throw new Malformed(e.getMessage());
        }
        AuditLine parsed = new AuditLine(seq, prev, text.get(0), record, sig);
        if (!parsed.text().equals(line)) {
            throw new Malformed("not in canonical form (a field is spelled differently than the log writes it)");
        }
        return parsed;
    }

    private void expect(String literal) throws Malformed {
        if (!s.startsWith(literal, at)) {
            throw new Malformed("expected " + literal + " at column " + (at + 1));
        }
        at += literal.length();
    }

    private long number() throws Malformed {
        int start = at;
        while (at < s.length() && Character.isDigit(s.charAt(at)) && at - start < 19) {
            at++;
        }
        if (at == start) {
            throw new Malformed("expected a sequence number at column " + (start + 1));
        }
        return Long.parseLong(s.substring(start, at));
    }

    private String hex64() throws Malformed {
        if (at + 64 > s.length() || !s.substring(at, at + 64).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new Malformed("expected 64 hex digits of SHA-256 at column " + (at + 1));
        }
        at += 64;
        return s.substring(at - 64, at);
    }

    /** A JSON string; the escapes {@link dev.kwam.node.json.JsonText} writes are the ones understood. */
    private String string() throws Malformed {
        expect("\"");
        StringBuilder out = new StringBuilder();
        while (at < s.length()) {
            char c = s.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= s.length()) {
                break;
            }
            char e = s.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (at + 4 > s.length()) {
                        throw new Malformed("a \\u escape cut short at column " + at);
                    }
                    try {
                        out.append((char) HexFormat.fromHexDigits(s, at, at + 4));
                    } catch (IllegalArgumentException bad) {
                        throw new Malformed("a bad \\u escape at column " + at);
                    }
                    at += 4;
                }
                default -> throw new Malformed("an unknown escape \\" + e + " at column " + at);
            }
        }
        throw new Malformed("a string that never ends");
    }

    /** The line is not an audit record; the message says where it stops being one. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}

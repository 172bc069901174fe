package dev.kwam.dsl.consent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON subset consent tokens are written in: objects, arrays, strings and
 * non-negative integers, nothing else. There is exactly one way to write any value — no
 * whitespace, object keys in ascending byte order and never repeated, integers without sign,
 * leading zeros, fraction or exponent (and at most 2^53 - 1 so every JSON reader agrees on them),
 * strings of printable ASCII with no escape sequences (no version-1 field needs a quote, a
 * backslash or a non-ASCII character). One value, one byte string: that is what makes a signature
 * over the bytes a signature over the meaning.
 *
 * <p>The reader refuses anything outside the subset and, as a last line, re-encodes what it read
 * and refuses the input unless the bytes are identical.
 *
 * <p>Values are {@code Map<String, Object>} (in key order), {@code List<Object>}, {@code String}
 * and {@code Long}.
 */
final class CanonicalJson {
    static final long MAX_INTEGER = (1L << 53) - 1;
    /** The envelope is three levels deep (envelope, sigs array, sig object); one spare level. */
    static final int MAX_DEPTH = 4;

    private final byte[] in;
    private int pos;

    private CanonicalJson(byte[] in) {
        this.in = in;
    }

    /** Reads one canonical value that spans all of {@code bytes}. */
    static Object read(byte[] bytes) throws MalformedTokenException {
        CanonicalJson reader = new CanonicalJson(bytes);
        Object value = reader.value(1);
        if (reader.pos != bytes.length) {
            throw reader.error("unexpected bytes after the end of the JSON value");
        }
        byte[] again = write(value);
        if (!java.util.Arrays.equals(again, bytes)) {
            // Every rule above should already have caught this; refusing here keeps it true if one is missed.
            throw new MalformedTokenException("the JSON is not in canonical form");
        }
        return value;
    }

    /** Writes a value canonically; sorts object keys, refuses values outside the subset. */
    static byte[] write(Object value) {
        StringBuilder out = new StringBuilder();
        writeTo(out, value);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeTo(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("object keys are strings, got " + e.getKey());
                }
                sorted.put(key, e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, e.getKey());
                out.append(':');
                writeTo(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeTo(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Long n) {
            if (n < 0 || n > MAX_INTEGER) {
                throw new IllegalArgumentException("integer out of the canonical range 0..2^53-1: " + n);
            }
            out.append(n.longValue());
        } else {
            throw new IllegalArgumentException("not a canonical JSON value: " + value);
        }
    }

    private static void writeString(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!plainChar(s.charAt(i))) {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) s.charAt(i))
                        + " cannot appear in a canonical string: " + s);
            }
        }
        out.append('"').append(s).append('"');
    }

    /** Printable ASCII except the two characters that would need escaping. */
    private static boolean plainChar(int c) {
        return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
    }

    private Object value(int depth) throws MalformedTokenException {
        if (pos >= in.length) {
            throw error("the JSON ends where a value was expected");
        }
        int c = in[pos] & 0xFF;
        if (c == '{' || c == '[') {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            return c == '{' ? object(depth) : array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c >= '0' && c <= '9') {
            return integer();
        }
        throw error(describe(c) + " where a value was expected (canonical form has only objects, arrays, "
                + "strings and non-negative integers, and no whitespace)");
    }

    private Map<String, Object> object(int depth) throws MalformedTokenException {
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        String previous = null;
        while (true) {
            int keyAt = pos;
            if (peek() != '"') {
                throw error(describe(peek()) + " where an object key was expected");
            }
            String key = string();
            if (members.containsKey(key)) {
                throw errorAt(keyAt, "duplicate key \"" + key + "\"");
            }
            if (previous != null && previous.compareTo(key) > 0) {
                throw errorAt(keyAt, "key \"" + key + "\" comes after \"" + previous
                        + "\"; canonical form sorts keys in ascending byte order");
            }
            expect(':');
            members.put(key, value(depth + 1));
            previous = key;
            int next = peek();
            pos++;
            if (next == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (next != ',') {
                throw errorAt(pos - 1, describe(next) + " where ',' or '}' was expected");
            }
        }
    }

    private List<Object> array(int depth) throws MalformedTokenException {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value(depth + 1));
            int next = peek();
            pos++;
            if (next == ']') {
                return Collections.unmodifiableList(items);
            }
            if (next != ',') {
                throw errorAt(pos - 1, describe(next) + " where ',' or ']' was expected");
            }
        }
    }

    private String string() throws MalformedTokenException {
        int start = ++pos; // after '"'
        while (true) {
            if (pos >= in.length) {
                throw errorAt(start - 1, "the string never ends");
            }
            int c = in[pos] & 0xFF;
            if (c == '"') {
                String s = new String(in, start, pos - start, StandardCharsets.US_ASCII);
                pos++;
                return s;
            }
            if (c == '\\') {
                throw error("an escape sequence; canonical strings never contain one");
            }
            if (!plainChar(c)) {
                throw error(describe(c) + " inside a string; canonical strings are printable ASCII");
            }
            pos++;
        }
    }

    private Long integer() throws MalformedTokenException {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        int digits = pos - start;
        if (digits > 1 && in[start] == '0') {
            throw errorAt(start, "an integer with a leading zero");
        }
        if (pos < in.length && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
            throw error("a fraction or exponent; canonical numbers are integers");
        }
        if (digits > 16) {
            throw errorAt(start, "an integer above 2^53 - 1");
        }
        long n = Long.parseLong(new String(in, start, digits, StandardCharsets.US_ASCII));
        if (n > MAX_INTEGER) {
            throw errorAt(start, "an integer above 2^53 - 1");
        }
        return n;
    }

    private void expect(char c) throws MalformedTokenException {
        if (peek() != c) {
            throw error(describe(peek()) + " where '" + c + "' was expected");
        }
        pos++;
    }

    /** The next byte, or -1 at the end. */
    private int peek() {
        return pos < in.length ? in[pos] & 0xFF : -1;
    }

    private static String describe(int c) {
        if (c < 0) {
            return "the end of the JSON";
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            return "whitespace";
        }
        if (c < 0x20 || c > 0x7E) {
            return String.format("byte 0x%02x", c);
        }
        return "'" + (char) c + "'";
    }

    private MalformedTokenException error(String what) {
        return errorAt(pos, what);
    }

    private static MalformedTokenException errorAt(int offset, String what) {
        return new MalformedTokenException(what + " at byte " + offset + " of the decoded token");
    }
}

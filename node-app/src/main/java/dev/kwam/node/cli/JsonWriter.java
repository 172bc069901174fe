package dev.kwam.node.cli;

import dev.kwam.node.json.JsonText;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal JSON writer for the CLI's machine-readable output: objects, arrays, strings, numbers
 * and booleans on one line. It tracks nesting so commas and colons are always right, and escapes
 * strings per RFC 8259 (plus U+2028/U+2029, which break JavaScript embeddings).
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<Level> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new Level('}'));
        return this;
    }

    public JsonWriter endObject() {
        close('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new Level(']'));
        return this;
    }

    public JsonWriter endArray() {
        close(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (afterName || open.isEmpty() || open.peek().close != '}') {
            throw new IllegalStateException("a name belongs directly inside an object, before its value");
        }
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        string(s);
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    /** A finite number in Java's shortest round-trip form ({@code 2.5E-8}), which is valid JSON; NaN and infinities are refused. */
    public JsonWriter value(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + "; a number must be finite");
        }
        beforeValue();
        out.append(d);
        return this;
    }

    /** {@code null}: a field that has no value here (the documented shapes say when). */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    public JsonWriter field(String name, double d) {
        return name(name).value(d);
    }

    public JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    public JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    public JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    /** The document; refuses to hand out one with unclosed containers. */
    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " object(s) or array(s) still open");
        }
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!open.isEmpty() && open.peek().close == '}') {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        if (open.isEmpty() && out.length() > 0) {
            throw new IllegalStateException("a JSON document holds one top-level value");
        }
        separate();
    }

    private void separate() {
        Level level = open.peek();
        if (level != null) {
            if (level.hasElement) {
                out.append(',');
            }
            level.hasElement = true;
        }
    }

    private void close(char c) {
        if (open.isEmpty() || afterName || open.peek().close != c) {
            throw new IllegalStateException("nothing to close with '" + c + "' here");
        }
        open.pop();
        out.append(c);
    }

    private void string(String s) {
        JsonText.quote(out, s);
    }

    /** One open object or array: the character that closes it and whether the next element needs a comma. */
    private static final class Level {
        final char close;
        boolean hasElement;

        Level(char close) {
            this.close = close;
        }
    }
}

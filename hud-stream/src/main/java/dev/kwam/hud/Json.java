package dev.kwam.hud;

import java.util.Map;

/** A small JSON writer for the HUD's records: objects, arrays, strings, numbers, booleans and null, nothing else. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    Json beginObject() {
        comma();
        out.append('{');
        needsComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        needsComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    Json name(String name) {
        comma();
        quote(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    Json field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        needsComma = true;
        return this;
    }

    Json field(String name, long value) {
        name(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    /** A finite number; NaN and infinities are written as null (JSON has no such numbers). */
    Json field(String name, double value) {
        name(name);
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needsComma = true;
        return this;
    }

    /** A string, number, boolean, null, or list of strings. */
    Json value(String name, Object value) {
        if (value == null) {
            return field(name, (String) null);
        }
        if (value instanceof String s) {
            return field(name, s);
        }
        if (value instanceof Boolean b) {
            return field(name, b.booleanValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return field(name, ((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return field(name, n.longValue());
        }
        if (value instanceof java.util.List<?> list) {
            name(name).beginArray();
            for (Object o : list) {
                comma();
                quote(String.valueOf(o));
                needsComma = true;
            }
            return endArray();
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }

    Json field(String name, boolean value) {
        name(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    Json field(String name, Map<String, String> values) {
        name(name).beginObject();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> field(e.getKey(), e.getValue()));
        return endObject();
    }

    /** Inserts already-written JSON (one complete value). */
    Json raw(String json) {
        comma();
        out.append(json);
        needsComma = true;
        return this;
    }

    private void comma() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

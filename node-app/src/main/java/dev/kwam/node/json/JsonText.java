package dev.kwam.node.json;

/** JSON string quoting, shared by the CLI's writer and the node's HTTP endpoints (RFC 8259 escapes). */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code s} as a JSON string literal; U+2028/U+2029 are escaped too, so the output is safe inside JavaScript. */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

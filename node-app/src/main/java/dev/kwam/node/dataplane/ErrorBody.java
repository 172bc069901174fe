package dev.kwam.node.dataplane;

/**
 * The data plane's small JSON error body, {@code {"error":…,"cid":…}}. Written by hand because the
 * health package keeps its own writer private and two fields need no library.
 */
final class ErrorBody {
    /** Echoing an unbounded request string back would let a caller size our responses. */
    static final int MAX_ECHO = 160;

    private ErrorBody() {
    }

    static String of(String error, String cid) {
        StringBuilder json = new StringBuilder("{\"error\":");
        string(json, error);
        json.append(",\"cid\":");
        string(json, cid.length() > MAX_ECHO ? cid.substring(0, MAX_ECHO) + "..." : cid);
        return json.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

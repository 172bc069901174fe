package dev.kwam.node.dataplane;

import dev.kwam.node.json.JsonText;

/** The data plane's small JSON error body, {@code {"error":…,"cid":…}}. */
final class ErrorBody {
    /** Echoing an unbounded request string back would let a caller size our responses. */
    static final int MAX_ECHO = 160;

    private ErrorBody() {
    }

    static String of(String error, String cid) {
        StringBuilder json = new StringBuilder("{\"error\":");
        JsonText.quote(json, error);
        json.append(",\"cid\":");
        JsonText.quote(json, cid.length() > MAX_ECHO ? cid.substring(0, MAX_ECHO) + "..." : cid);
        return json.append('}').toString();
    }
}

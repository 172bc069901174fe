package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.ParseCode;
import java.util.OptionalInt;

/**
 * Host names (RFC 1123 labels: letters, digits and '-', not at a label's ends, 1..63 bytes each,
 * 253 in all), dotted-quad IPv4 addresses, each with an optional {@code :port} (1..65535).
 * IPv6 hosts are not a literal form in v0.2: their colons collide with {@code host:port}.
 */
final class Hosts {

    public record Parts(String host, OptionalInt port) {
    }

    private Hosts() {
    }

    public static Checked<Parts> parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        OptionalInt port = OptionalInt.empty();
        if (colon >= 0) {
            if (text.indexOf(':') != colon) {
                return bad(0, text.length(), "'" + text + "' is not a host: IPv6 addresses are only accepted as CIDRs",
                        "use a host name, or an IPv6 CIDR such as fd00::1/128 where a range is expected");
            }
            String p = text.substring(colon + 1);
            if (p.isEmpty()) {
                return bad(colon, colon + 1, "a ':' must be followed by a port number",
                        "write host:7400; in a conditional, put spaces around ':' (a ? b : c)");
            }
            if (p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || p.charAt(0) == '0'
                    || Integer.parseInt(p) > 65535) {
                return bad(colon + 1, text.length(), "'" + p + "' is not a port", "a port is a number from 1 to 65535");
            }
            port = OptionalInt.of(Integer.parseInt(p));
        }
        if (host.isEmpty()) {
            return bad(0, Math.max(1, colon), "the host name is empty", "write name:port");
        }
        if (isDottedDigits(host)) {
            Rejection r = Cidrs.ipv4(host, new byte[4]);
            if (r != null) {
                return Checked.invalid(new Rejection(ParseCode.BAD_HOST, r.from(), r.to(), r.message(), r.hint()));
            }
            return Checked.valid(new Parts(host, port));
        }
        if (host.length() > 253) {
            return bad(0, host.length(), "a host name is at most 253 characters", "shorten it");
        }
        int labelStart = 0;
        for (int i = 0; i <= host.length(); i++) {
            if (i == host.length() || host.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    return bad(Math.max(0, i - 1), i + 1, "a host name has an empty label", "remove the extra '.'");
                }
                if (len > 63) {
                    return bad(labelStart, i, "a host name label is at most 63 characters", "shorten it");
                }
                if (host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
                    return bad(labelStart, i, "a host name label must not start or end with '-'",
                            "remove the '-' at the edge of '" + host.substring(labelStart, i) + "'");
                }
                labelStart = i + 1;
                continue;
            }
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return bad(i, i + 1, "'" + c + "' is not allowed in a host name",
                        "host names hold letters, digits, '-' and '.'" + (c == '_' ? " ('_' is not a host name character)" : ""));
            }
        }
        return Checked.valid(new Parts(host, port));
    }

    static boolean isDottedDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static <T> Checked<T> bad(int from, int to, String message, String hint) {
        return Checked.invalid(Rejection.of(ParseCode.BAD_HOST, from, to, message, hint));
    }
}

package dev.kwam.dsl.lex;

import dev.kwam.dsl.diag.ParseCode;

/**
 * IPv4 and IPv6 CIDR validation, by hand so that nothing ever touches DNS. Strict on purpose: no
 * leading zeros in IPv4 octets (some tools read them as octal), and no host bits set
 * ({@code 10.40.0.1/16} is refused with the network it probably meant), because a scope that is
 * wider or narrower than it reads is a security bug.
 */
final class Cidrs {

    /** {@code address} is canonical: dotted quad, or eight lowercase hex groups without leading zeros. */
    public record Parts(int version, String address, int prefix) {
    }

    private Cidrs() {
    }

    public static Checked<Parts> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return bad(0, text.length(), "a CIDR needs a prefix length: '/N'", "write e.g. 10.40.0.0/16");
        }
        String address = text.substring(0, slash);
        String prefixText = text.substring(slash + 1);
        boolean v6 = address.indexOf(':') >= 0;
        int maxPrefix = v6 ? 128 : 32;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)
                || prefixText.length() > 1 && prefixText.charAt(0) == '0') {
            return bad(prefixText.isEmpty() ? slash : slash + 1, text.length(), "'" + prefixText + "' is not a prefix length",
                    "the prefix is a whole number from 0 to " + maxPrefix);
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > maxPrefix) {
            return bad(slash + 1, text.length(), "prefix /" + prefix + " is longer than " + maxPrefix + " bits",
                    "use a prefix from 0 to " + maxPrefix);
        }
        byte[] bytes = new byte[v6 ? 16 : 4];
        Rejection r = v6 ? ipv6(address, bytes) : ipv4(address, bytes);
        if (r != null) {
            return Checked.invalid(r);
        }
        byte[] network = bytes.clone();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        String canonical = v6 ? formatV6(bytes) : formatV4(bytes);
        if (!java.util.Arrays.equals(network, bytes)) {
            String net = (v6 ? formatV6(network) : formatV4(network)) + "/" + prefix;
            return bad(0, slash, canonical + "/" + prefix + " has host bits set",
                    "did you mean " + net + "?");
        }
        return Checked.valid(new Parts(v6 ? 6 : 4, canonical, prefix));
    }

    /** Parses a dotted-quad IPv4 address into {@code out}; null when valid. Also used for host names. */
    static Rejection ipv4(String text, byte[] out) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Rejection.of(ParseCode.BAD_CIDR, 0, text.length(), "'" + text + "' is not an IPv4 address (a.b.c.d)",
                    "an IPv4 address has four octets");
        }
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            String o = octets[i];
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || o.length() > 1 && o.charAt(0) == '0' || Integer.parseInt(o) > 255) {
                return Rejection.of(ParseCode.BAD_CIDR, pos, pos + o.length(), "'" + o + "' is not an IPv4 octet",
                        "each octet is 0..255, written without leading zeros");
            }
            out[i] = (byte) Integer.parseInt(o);
            pos += o.length() + 1;
        }
        return null;
    }

    private static Rejection ipv6(String text, byte[] out) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Rejection.of(ParseCode.BAD_CIDR, 0, text.length(), "'::' may appear only once in an IPv6 address",
                    "write e.g. fd00::/8");
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return Rejection.of(ParseCode.BAD_CIDR, 0, text.length(), "'" + text + "' is not an IPv6 address",
                    "groups are 1 to 4 hex digits separated by ':' (IPv4-embedded forms are not accepted)");
        }
        int total = headGroups.length + tailGroups.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return Rejection.of(ParseCode.BAD_CIDR, 0, text.length(),
                    "'" + text + "' has " + total + " groups; an IPv6 address has 8 (fewer only with '::')",
                    "write e.g. 2001:db8::/32");
        }
        int g = 0;
        for (int v : headGroups) {
            out[g * 2] = (byte) (v >>> 8);
            out[g * 2 + 1] = (byte) v;
            g++;
        }
        g = 8 - tailGroups.length;
        for (int v : tailGroups) {
            out[g * 2] = (byte) (v >>> 8);
            out[g * 2 + 1] = (byte) v;
            g++;
        }
        return null;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int[] values = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            for (int j = 0; j < p.length(); j++) {
                if (Character.digit(p.charAt(j), 16) < 0) {
                    return null;
                }
            }
            values[i] = Integer.parseInt(p, 16);
        }
        return values;
    }

    private static String formatV4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    /** RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String formatV6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[i * 2] & 0xff) << 8 | (b[i * 2 + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private static <T> Checked<T> bad(int from, int to, String message, String hint) {
        return Checked.invalid(Rejection.of(ParseCode.BAD_CIDR, from, to, message, hint));
    }
}

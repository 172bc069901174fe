package dev.kwam.dsl.policy;

/** An IPv4 or IPv6 network in canonical text (RFC 5952 for v6); host bits are zero, the lexer saw to that. */
public record Cidr(int version, String address, int prefix) {
    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}

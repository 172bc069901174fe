package dev.kwam.dsl.schema;

/**
 * What a key's value must be, as far as the parser can tell from the text. Interpolations
 * ({@code ${…}}) are left to lowering, which knows what the binding holds.
 */
public enum ValueKind {
    STRING("a string", "\"h100\""),
    INT("a whole number", "7400"),
    NUMBER("a number", "0.5"),
    /** A plain whole number or an {@code Nx} count. */
    COUNT("a count", "3 or 8x"),
    BOOL("true or false", "true"),
    DURATION("a duration", "30m"),
    SIZE("a size", "64mb"),
    PERCENT("a percentage", "0.1%"),
    NINES("a number of nines", "6nines"),
    /** Any scalar literal: a metric target may be a count, a duration, a percentage … */
    SCALAR("a number or a value with a unit", "0, 250ms or 99.9%"),
    CIDR("a CIDR", "10.40.0.0/16"),
    /** A host literal, a bare name ({@code localhost}) or a quoted string. */
    HOST("a host or host:port", "kwam-seed.internal:7400"),
    /** A concrete SPIFFE ID: no wildcards. */
    IDENTITY("a SPIFFE ID", "spiffe://kwam/acme/cl-7/az1/pod0/n0000/seed"),
    /** A SPIFFE ID whose path segments may be {@code *}: only grant keys. */
    IDENTITY_PATTERN("a SPIFFE ID pattern", "\"spiffe://kwam/acme/cl-7/*/*/*/seed\""),
    SECRET("a secret:// reference", "secret://vault/kwam/mtls-ca"),
    GRANT("a grant:// reference", "grant://<token from kwam consent mint>"),
    /** A name or dotted name that lowering resolves (fault-domain kinds, pools, observables, health hooks). */
    SYMBOL("a name", "rack"),
    /** The name of another block of the kind {@link KeySpec#target()} names. */
    REFERENCE("the name of a block", "trust_root"),
    /** One member of the closed set {@link KeySpec#members()}. */
    ENUM("one of a closed set of names", "quic"),
    MAP("a map literal", "{ \"LOG_LEVEL\" \"info\" }"),
    /** {@code key { … }}: a nested block checked against {@link KeySpec#nested()}. */
    BLOCK("a block", "codec { … }"),
    /** {@code key { "string" { … } … }}: string-keyed blocks, each checked against {@link KeySpec#nested()}. */
    KEYED_BLOCKS("string-keyed blocks", "grants { \"spiffe://…/*\" { … } }");

    private final String description;
    private final String example;

    ValueKind(String description, String example) {
        this.description = description;
        this.example = example;
    }

    String description() {
        return description;
    }

    String example() {
        return example;
    }
}

package dev.kwam.dsl.consent;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.PublicKey;
import dev.kwam.dsl.vocab.Capability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The text form of a consent token, {@code grant://} followed by the unpadded base64url of the
 * canonical JSON envelope {@code {"body":{…},"sigs":[{"key":…,"sig":…},…]}} (docs/consent.md gives
 * it byte by byte). Decoding is strict: one token has exactly one text form, and anything else —
 * unknown or missing fields, duplicate keys, stray whitespace, padding, non-canonical base64 — is
 * refused with the reason, never repaired.
 */
public final class TokenCodec {
    public static final String SCHEME = "grant://";
    /** Eight signatures and a long glob fit in well under half of this. */
    public static final int MAX_TOKEN_CHARS = 4096;
    /**
     * Signatures cover this prefix and the canonical body, so a consent signature can never be
     * replayed as a signature over some other KWAM structure signed by the same key.
     */
    static final byte[] SIGNING_CONTEXT = "kwam-consent-v1\0".getBytes(StandardCharsets.US_ASCII);

    private static final Set<String> ENVELOPE_FIELDS = Set.of("body", "sigs");
    private static final Set<String> BODY_REQUIRED =
            Set.of("caps", "expires", "id", "not_before", "resource", "signer", "version");
    private static final Set<String> BODY_OPTIONAL = Set.of("digest");
    private static final Set<String> SIGNATURE_FIELDS = Set.of("key", "sig");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern SIGNATURE_HEX = Pattern.compile("[0-9a-f]{128}");
    private static final HexFormat HEX = HexFormat.of();

    private TokenCodec() {
    }

    public static String encode(ConsentToken token) {
        List<Object> sigs = new ArrayList<>();
        for (TokenSignature s : token.signatures()) {
            sigs.add(Map.of("key", s.key().toString(), "sig", s.signatureHex()));
        }
        byte[] json = CanonicalJson.write(Map.of("body", bodyValue(token.body()), "sigs", sigs));
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The bytes every signature covers: {@link #SIGNING_CONTEXT} then the body's canonical JSON. */
    static byte[] signingMessage(TokenBody body) {
        byte[] json = CanonicalJson.write(bodyValue(body));
        byte[] message = Arrays.copyOf(SIGNING_CONTEXT, SIGNING_CONTEXT.length + json.length);
        System.arraycopy(json, 0, message, SIGNING_CONTEXT.length, json.length);
        return message;
    }

    public static ConsentToken decode(String text) throws MalformedTokenException {
        byte[] json = unwrap(text);
        Map<String, Object> envelope = object(CanonicalJson.read(json), "the token");
        fields(envelope, ENVELOPE_FIELDS, Set.of(), "the token envelope");
        TokenBody body = body(object(envelope.get("body"), "body"));
        List<Object> sigs = list(envelope.get("sigs"), "sigs");
        List<TokenSignature> signatures = new ArrayList<>();
        String previousKey = "";
        for (int i = 0; i < sigs.size(); i++) {
            TokenSignature s = signature(object(sigs.get(i), "sigs[" + i + "]"), i);
            String key = s.key().toString();
            if (key.compareTo(previousKey) <= 0) {
                throw new MalformedTokenException(key.equals(previousKey)
                        ? "sigs[" + i + "]: key " + key + " signed twice; one key counts as one signature"
                        : "sigs[" + i + "]: signatures must be in ascending order of their key");
            }
            previousKey = key;
            signatures.add(s);
        }
        ConsentToken token;
        try {
            token = new ConsentToken(body, signatures);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException(e.getMessage(), e);
        }
        if (!encode(token).equals(text)) {
            throw new MalformedTokenException("the token is not in canonical form");
        }
        return token;
    }

    /** The canonical JSON inside {@code grant://…}, after checking the wrapper. */
    private static byte[] unwrap(String text) throws MalformedTokenException {
        if (text == null || text.isEmpty()) {
            throw new MalformedTokenException("the token is empty");
        }
        if (text.length() > MAX_TOKEN_CHARS) {
            throw new MalformedTokenException("the token has " + text.length() + " characters; at most "
                    + MAX_TOKEN_CHARS + " are allowed");
        }
        if (!text.startsWith(SCHEME)) {
            throw new MalformedTokenException("a consent token starts with " + SCHEME + " (got '"
                    + text.substring(0, Math.min(text.length(), 12)) + "…')");
        }
        String payload = text.substring(SCHEME.length());
        if (!BASE64URL.matcher(payload).matches()) {
            int bad = firstNonBase64url(payload);
            throw new MalformedTokenException(bad < 0 ? "nothing follows " + SCHEME
                    : "character '" + payload.charAt(bad) + "' at position " + (SCHEME.length() + bad)
                    + " is not base64url (A-Z a-z 0-9 - _; no padding, no whitespace)");
        }
        if (payload.length() % 4 == 1) {
            throw new MalformedTokenException("the base64url text has an impossible length (" + payload.length()
                    + " characters); the token was probably truncated");
        }
        byte[] json = Base64.getUrlDecoder().decode(payload);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(json).equals(payload)) {
            throw new MalformedTokenException("the last base64url character carries stray bits; "
                    + "the token was altered or truncated");
        }
        return json;
    }

    private static int firstNonBase64url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    private static TokenBody body(Map<String, Object> b) throws MalformedTokenException {
        fields(b, BODY_REQUIRED, BODY_OPTIONAL, "body");
        List<Object> capWords = list(b.get("caps"), "body.caps");
        List<Capability> caps = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < capWords.size(); i++) {
            String word = string(capWords.get(i), "body.caps[" + i + "]");
            Capability cap = Capability.fromKeyword(word).orElseThrow(() -> new MalformedTokenException(
                    "body.caps: unknown capability '" + word + "' (known: " + knownCapabilities() + ")"));
            if (word.compareTo(previous) <= 0) {
                throw new MalformedTokenException("body.caps: '" + word + "' " + (word.equals(previous)
                        ? "is listed twice" : "is out of order; capabilities are listed in ascending order"));
            }
            previous = word;
            caps.add(cap);
        }
        Optional<Cid> digest = Optional.empty();
        if (b.containsKey("digest")) {
            String d = string(b.get("digest"), "body.digest");
            digest = Optional.of(Cid.tryParse(d).orElseThrow(() -> new MalformedTokenException(
                    "body.digest: '" + d + "' is not sha256: followed by 64 lowercase hex digits")));
        }
        long version = integer(b.get("version"), "body.version");
        if (version != TokenBody.VERSION) {
            throw new MalformedTokenException("token format version " + version + " is not supported (this build reads "
                    + "version " + TokenBody.VERSION + "); use a kwam that knows it, or mint a version-1 token");
        }
        try {
            return new TokenBody((int) version, string(b.get("id"), "body.id"), string(b.get("signer"), "body.signer"),
                    caps, ResourceGlob.parse(string(b.get("resource"), "body.resource")),
                    integer(b.get("not_before"), "body.not_before"), integer(b.get("expires"), "body.expires"), digest);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException("body: " + e.getMessage(), e);
        }
    }

    private static TokenSignature signature(Map<String, Object> s, int index) throws MalformedTokenException {
        String where = "sigs[" + index + "]";
        fields(s, SIGNATURE_FIELDS, Set.of(), where);
        String keyText = string(s.get("key"), where + ".key");
        String sigText = string(s.get("sig"), where + ".sig");
        if (!SIGNATURE_HEX.matcher(sigText).matches()) {
            throw new MalformedTokenException(where + ".sig: an Ed25519 signature is 128 lowercase hex digits");
        }
        try {
            return new TokenSignature(PublicKey.parse(keyText), HEX.parseHex(sigText));
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException(where + ".key: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> bodyValue(TokenBody body) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("caps", body.capabilities().stream().map(Capability::keyword).toList());
        body.digest().ifPresent(d -> b.put("digest", d.toString()));
        b.put("expires", body.expires());
        b.put("id", body.id());
        b.put("not_before", body.notBefore());
        b.put("resource", body.resource().text());
        b.put("signer", body.signer());
        b.put("version", (long) body.version());
        return b;
    }

    private static void fields(Map<String, Object> m, Set<String> required, Set<String> optional, String where)
            throws MalformedTokenException {
        for (String name : m.keySet()) {
            if (!required.contains(name) && !optional.contains(name)) {
                Set<String> known = new TreeSet<>(required);
                known.addAll(optional);
                throw new MalformedTokenException(where + ": unknown field '" + name + "' (version " + TokenBody.VERSION
                        + " has " + known + ")");
            }
        }
        for (String name : new TreeSet<>(required)) {
            if (!m.containsKey(name)) {
                throw new MalformedTokenException(where + ": missing field '" + name + "'");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String where) throws MalformedTokenException {
        if (!(v instanceof Map<?, ?>)) {
            throw new MalformedTokenException(where + " must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String where) throws MalformedTokenException {
        if (!(v instanceof List<?>)) {
            throw new MalformedTokenException(where + " must be a JSON array");
        }
        return (List<Object>) v;
    }

    private static String string(Object v, String where) throws MalformedTokenException {
        if (!(v instanceof String s)) {
            throw new MalformedTokenException(where + " must be a string");
        }
        return s;
    }

    private static long integer(Object v, String where) throws MalformedTokenException {
        if (!(v instanceof Long n)) {
            throw new MalformedTokenException(where + " must be an integer");
        }
        return n;
    }

    static String knownCapabilities() {
        return String.join(", ", Arrays.stream(Capability.values()).map(Capability::keyword).toList());
    }
}

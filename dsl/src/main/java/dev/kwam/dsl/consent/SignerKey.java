package dev.kwam.dsl.consent;

import dev.kwam.codec.sign.PublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One person's public key and the signer (organisation) it speaks for: {@code alice} signing for
 * {@code acme-prod}. An organisation has one key per person, so dual control can count people by
 * counting keys. This is what a keyring's {@code .pub} file holds.
 *
 * <p>Signer names and key ids are {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters: safe as file
 * names (a key id names its files) and free of look-alike case variants.
 */
public record SignerKey(String signer, String id, PublicKey key) {
    public static final int MAX_NAME_CHARS = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public SignerKey {
        requireName("signer", signer);
        requireName("key id", id);
        Objects.requireNonNull(key, "key");
    }

    /** Null when {@code name} is a valid signer name or key id, else why not. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_NAME_CHARS) {
            return "longer than " + MAX_NAME_CHARS + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";
        }
        return null;
    }

    static void requireName(String what, String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + name + "': " + problem);
        }
    }

    @Override
    public String toString() {
        return id + " (signer " + signer + ", " + key + ")";
    }
}

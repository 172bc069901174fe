package dev.kwam.dsl.consent;

import java.util.List;
import java.util.Optional;

/**
 * The facts about one signature on a token: whether it verifies for the key it carries, and who
 * that key is according to a keyring (if the keyring knows it). Facts, not trust: a signature that
 * verifies by a key nobody listed proves only that someone holding that key signed.
 */
public record SignatureCheck(TokenSignature signature, boolean verifies, Optional<SignerKey> keyringEntry) {

    public static List<SignatureCheck> all(ConsentToken token, Keyring keyring) {
        return token.signatures().stream()
                .map(s -> new SignatureCheck(s, s.verifies(token.body()), keyring.find(s.key())))
                .toList();
    }
}

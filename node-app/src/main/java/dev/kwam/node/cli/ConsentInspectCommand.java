package dev.kwam.node.cli;

import dev.kwam.dsl.consent.ConsentToken;
import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.consent.SignatureCheck;
import dev.kwam.dsl.consent.SignerKey;
import dev.kwam.dsl.consent.TokenBody;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam consent inspect}: every field of a token and the facts about each signature. It never
 * calls a token trusted: that depends on a grant (signer, capability, scope), which is
 * {@code kwam check}'s business.
 */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decode a consent token and print every field, and for each signature whether it verifies and, "
                    + "with --keyring, which key and signer made it.",
            "Reports facts only: whether the token authorizes an action is decided by kwam check against the policy."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the token decodes and every signature verifies (with --keyring: and every key is listed for the token's signer)",
            "1:the token decodes but some signature does not verify (with --keyring: or its key is unlisted or listed for another signer)",
            "2:usage error, malformed token, or the keyring could not be read"})
final class ConsentInspectCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOKEN", description = "The grant://… token, - to read it from stdin, or @FILE.")
    private String tokenArgument;

    @Option(names = "--keyring", paramLabel = "DIR", description = "A directory of ID.pub files: say whose keys signed.")
    private Path keyringDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    private Format format;

    @Override
    public Integer call() throws CliException, IOException {
        ConsentToken token = ConsentInput.token(tokenArgument, System.in);
        Keyring keyring = keyringDir == null ? Keyring.empty() : ConsentInput.keyring(keyringDir);
        List<SignatureCheck> checks = SignatureCheck.all(token, keyring);
        Clock clock = Clock.systemUTC();
        long broken = checks.stream().filter(c -> !c.verifies()).count();
        long unattributed = keyringDir == null ? 0 : checks.stream().filter(c -> !listedFor(c, token)).count();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(token, checks, clock.instant()));
        } else {
            text(token, checks, clock, out);
        }
        out.flush();
        if (broken == 0 && unattributed == 0) {
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new java.util.ArrayList<>();
        if (broken > 0) {
            problems.add(broken + " of " + checks.size() + " signature(s) do not verify");
        }
        if (unattributed > 0) {
            problems.add(unattributed + " of " + checks.size() + " signature(s) were not made by a key the keyring "
                    + keyringDir + " lists for " + token.body().signer());
        }
        err.println(spec.qualifiedName() + ": " + String.join("; ", problems));
        err.flush();
        return ExitCodes.CHECK_FAILED;
    }

    private static boolean listedFor(SignatureCheck check, ConsentToken token) {
        return check.keyringEntry().map(k -> k.signer().equals(token.body().signer())).orElse(false);
    }

    private void text(ConsentToken token, List<SignatureCheck> checks, Clock clock, PrintWriter out) {
        out.println("consent token");
        ConsentSummary.describe(token, out, clock);
        out.println("signatures  " + checks.size() + (keyringDir == null ? "  (no --keyring: keys are not attributed)"
                : "  (keyring " + keyringDir + ")"));
        for (int i = 0; i < checks.size(); i++) {
            SignatureCheck c = checks.get(i);
            out.println("  [" + (i + 1) + "] " + c.signature().key() + "  " + (c.verifies() ? "verifies" : "DOES NOT VERIFY")
                    + (keyringDir == null ? "" : "; " + attribution(c.keyringEntry(), token)));
        }
        out.println("note        inspect reports facts; whether this token authorizes an action is decided by kwam check "
                + "(signed_by, capability, scope, dual control, and spending it once)");
    }

    private static String attribution(Optional<SignerKey> entry, ConsentToken token) {
        if (entry.isEmpty()) {
            return "key NOT in the keyring";
        }
        SignerKey k = entry.get();
        String signer = token.body().signer();
        return "key '" + k.id() + "' of signer " + k.signer() + (k.signer().equals(signer) ? ""
                : " (NOT the token's signer " + signer + ")");
    }

    private String json(ConsentToken token, List<SignatureCheck> checks, Instant now) {
        TokenBody body = token.body();
        JsonWriter json = new JsonWriter().beginObject()
                .field("version", body.version())
                .field("id", body.id())
                .field("signer", body.signer());
        json.name("caps").beginArray();
        body.capabilities().forEach(c -> json.value(c.keyword()));
        json.endArray();
        json.name("destructive_caps").beginArray();
        body.capabilities().stream().filter(Capability::destructive).forEach(c -> json.value(c.keyword()));
        json.endArray();
        json.field("resource", body.resource().text())
                .field("not_before", body.notBefore())
                .field("not_before_utc", body.notBeforeInstant().toString())
                .field("expires", body.expires())
                .field("expires_utc", body.expiresInstant().toString())
                .field("now_utc", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .field("state", ConsentSummary.stateKey(body, now));
        body.digest().ifPresent(d -> json.field("digest", d.toString()));
        json.field("keyring_checked", keyringDir != null);
        json.name("signatures").beginArray();
        for (SignatureCheck c : checks) {
            json.beginObject().field("key", c.signature().key().toString()).field("verifies", c.verifies());
            if (keyringDir != null) {
                json.field("in_keyring", c.keyringEntry().isPresent());
                c.keyringEntry().ifPresent(k -> json.field("key_id", k.id()).field("key_signer", k.signer()));
            }
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }
}

package dev.kwam.dsl;

import dev.kwam.dsl.consent.Keyring;
import dev.kwam.dsl.module.ModuleResolver;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What compiling a policy needs from outside the file: the keyring consent tokens are verified
 * against (the operator's {@code --keyring DIR}; empty means a deploy cannot be accepted), the module
 * stores with their trusted signers, and the clock token validity is judged by.
 */
public record CompileOptions(Optional<Keyring> keyring, ModuleResolver modules, Clock clock) {

    public CompileOptions {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(clock, "clock");
    }

    /** No keyring, the bundled std modules trusting only KWAM's release keys, the system clock. */
    public static CompileOptions standard() {
        return new CompileOptions(Optional.empty(), ModuleResolver.standard(), Clock.systemUTC());
    }

    public CompileOptions withKeyring(Keyring k) {
        return new CompileOptions(Optional.of(k), modules, clock);
    }

    public CompileOptions withModules(ModuleResolver m) {
        return new CompileOptions(keyring, m, clock);
    }

    CompileOptions withClock(Clock c) {
        return new CompileOptions(keyring, modules, c);
    }
}

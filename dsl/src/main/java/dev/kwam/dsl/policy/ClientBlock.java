package dev.kwam.dsl.policy;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.vocab.SandboxTier;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@code client} block: the per-node micro-service, pinned by content address. Defaults:
 * {@code sandbox} = the file's sandbox floor (so an omitted tier is never weaker than allowed),
 * {@code safepoint cooperative}, no args, no env, no memory limit, no accelerators requested.
 */
public record ClientBlock(String name, Cid image, SandboxTier sandbox, List<String> health, Safepoint safepoint,
                         List<String> args, Map<String, String> env, OptionalLong memoryBytes, OptionalInt gpus) {

    public ClientBlock {
        health = List.copyOf(health);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    public enum Safepoint { COOPERATIVE, REEXEC }
}

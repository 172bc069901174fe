package dev.kwam.dsl.syntax;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nine block keywords, each naming the record of {@code dev.kwam.dsl.policy} it lowers to: the keyword's
 * name with {@code Block} after it, since the {@code policy} block cannot take the name of the whole {@code Policy}.
 */
public enum BlockKind {
    SERVER("server", "ServerBlock"),
    CLIENT("client", "ClientBlock"),
    DISCOVERY("discovery", "DiscoveryBlock"),
    REPLICATE("replicate", "ReplicateBlock"),
    GUARD("guard", "GuardBlock"),
    POLICY("policy", "PolicyBlock"),
    DEPLOY("deploy", "DeployBlock"),
    METRIC("metric", "MetricBlock"),
    PROFILE("profile", "ProfileBlock");

    private final String keyword;
    private final String lowersTo;

    BlockKind(String keyword, String lowersTo) {
        this.keyword = keyword;
        this.lowersTo = lowersTo;
    }

    public String keyword() {
        return keyword;
    }

    /** The record the lowering phase builds from a block of this kind. */
    String lowersTo() {
        return lowersTo;
    }

    public static Optional<BlockKind> fromKeyword(String word) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(word)).findFirst();
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(BlockKind::keyword).toList();
    }
}

package dev.kwam.dsl.syntax;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The nine block keywords, each naming the typed policy object it lowers to (reference, section 05). */
public enum BlockKind {
    SERVER("server", "Server"),
    CLIENT("client", "ClientSpec"),
    DISCOVERY("discovery", "DiscoveryPolicy"),
    REPLICATE("replicate", "ReplicationPolicy"),
    GUARD("guard", "SLAPolicy"),
    POLICY("policy", "CapabilityGrant"),
    DEPLOY("deploy", "AuthorizedRollout"),
    METRIC("metric", "SLO"),
    PROFILE("profile", "Profile");

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
    public String lowersTo() {
        return lowersTo;
    }

    public static Optional<BlockKind> fromKeyword(String word) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(word)).findFirst();
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(BlockKind::keyword).toList();
    }
}

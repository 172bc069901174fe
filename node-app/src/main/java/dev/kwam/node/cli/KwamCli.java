package dev.kwam.node.cli;

/** Placeholder entry point until the CLI lands in this branch. */
public final class KwamCli {
    public static void main(String[] args) {
        System.err.println("kwam: CLI not built yet");
        System.exit(2);
    }
}

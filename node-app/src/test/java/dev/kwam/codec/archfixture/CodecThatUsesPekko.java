package dev.kwam.codec.archfixture;

/** A forbidden arrow for ModuleArrowsTest: codec code that reaches for Pekko. */
public final class CodecThatUsesPekko {
    public org.apache.pekko.actor.typed.Behavior<String> behavior() {
        return org.apache.pekko.actor.typed.javadsl.Behaviors.empty();
    }
}

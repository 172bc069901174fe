package dev.kwam.dsl.archfixture;

/** A forbidden arrow for ModuleArrowsTest: dsl code that reaches into actors-core. */
public final class DslThatUsesActors {
    public Class<?> serializable() {
        return dev.kwam.actors.KwamSerializable.class;
    }
}

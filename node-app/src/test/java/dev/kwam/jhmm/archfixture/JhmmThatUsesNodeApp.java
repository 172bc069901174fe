package dev.kwam.jhmm.archfixture;

/** A forbidden arrow for ModuleArrowsTest: a library module using node-app, which nothing may. */
public final class JhmmThatUsesNodeApp {
    public Class<?> node() {
        return dev.kwam.node.api.KwamNode.class;
    }
}

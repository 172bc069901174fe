package dev.kwam.node.write;

import dev.kwam.codec.fragment.Fragment;
import java.io.IOException;

/** Carries one fragment to one node and returns once it is durable there; throws when it is not. */
@FunctionalInterface
public interface FragmentCourier {
    void deliver(String node, Fragment fragment) throws IOException;
}

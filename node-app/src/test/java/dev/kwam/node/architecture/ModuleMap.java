package dev.kwam.node.architecture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The module arrows of docs/architecture.md as data: each library module, the package it owns and
 * the modules it may compile against directly. What a module may use is the closure of its arrows.
 * bench and multi-jvm-tests are leaves (they launch or measure everything) and no module may use them.
 */
final class ModuleMap {

    record Module(String name, String packageRoot, List<String> arrows) {
        String packagePattern() {
            return packageRoot + "..";
        }
    }

    static final List<Module> MODULES = List.of(
            new Module("codec", "dev.kwam.codec", List.of()),
            new Module("dsl", "dev.kwam.dsl", List.of("codec")),
            new Module("actors-core", "dev.kwam.actors", List.of("codec", "dsl")),
            new Module("placement-crdt", "dev.kwam.placement", List.of("actors-core")),
            new Module("consensus", "dev.kwam.consensus", List.of("actors-core")),
            new Module("jhmm-actors", "dev.kwam.jhmm", List.of("placement-crdt")),
            new Module("hud-stream", "dev.kwam.hud", List.of("actors-core")),
            new Module("node-app", "dev.kwam.node",
                    List.of("codec", "dsl", "actors-core", "placement-crdt", "consensus", "jhmm-actors", "hud-stream")));

    /** Leaves that may use anything above and that nothing may use. */
    static final List<Module> LEAVES = List.of(
            new Module("bench", "dev.kwam.bench", List.of()),
            new Module("multi-jvm-tests", "dev.kwam.multijvm", List.of()));

    private ModuleMap() {
    }

    static Module named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no module " + name + " in ModuleMap"));
    }

    static Optional<Module> find(String name) {
        return MODULES.stream().filter(m -> m.name().equals(name)).findFirst()
                .or(() -> LEAVES.stream().filter(m -> m.name().equals(name)).findFirst());
    }

    /** The module itself and everything its arrows reach. */
    static Set<Module> reachable(Module from) {
        Set<Module> seen = new LinkedHashSet<>();
        List<Module> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            Module next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                next.arrows().forEach(name -> todo.add(named(name)));
            }
        }
        return seen;
    }
}

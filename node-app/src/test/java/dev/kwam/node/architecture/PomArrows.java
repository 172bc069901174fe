package dev.kwam.node.architecture;

import dev.kwam.node.architecture.ModuleMap.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The same arrows read from the build: a module's pom may declare (at any scope) only the KWAM
 * modules its arrows reach, so a forbidden arrow fails here even before any code uses it.
 */
final class PomArrows {

    private PomArrows() {
    }

    /** Lines naming each pom dependency that no arrow allows; the tests run in node-app/, the poms sit beside it. */
    static List<String> violations() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        List<Module> all = new ArrayList<>(ModuleMap.MODULES);
        all.addAll(ModuleMap.LEAVES);
        for (Module module : all) {
            Path pom = root.resolve(module.name()).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                out.add(module.name() + ": no pom at " + pom + " (ModuleMap names a module the reactor lacks)");
                continue;
            }
            Set<String> allowed = ModuleMap.LEAVES.contains(module)
                    ? ModuleMap.MODULES.stream().map(Module::name).collect(Collectors.toSet())
                    : ModuleMap.reachable(module).stream().map(Module::name).collect(Collectors.toSet());
            for (String dependency : kwamDependencies(pom)) {
                if (!allowed.contains(dependency)) {
                    out.add(module.name() + "/pom.xml depends on " + dependency
                            + ", which its arrows in docs/architecture.md do not reach " + allowed);
                }
            }
        }
        return out;
    }

    private static List<String> kwamDependencies(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        List<String> names = new ArrayList<>();
        for (Element dependencies : children(doc.getDocumentElement(), "dependencies")) {
            for (Element dependency : children(dependencies, "dependency")) {
                if ("dev.kwam".equals(text(dependency, "groupId"))) {
                    names.add(text(dependency, "artifactId"));
                }
            }
        }
        return names;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }
}

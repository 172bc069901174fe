package dev.kwam.node.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails when a module imports one its arrows do not reach (docs/architecture.md): codec ↛ Pekko,
 * dsl ↛ actors, nothing ↛ node-app, placement ↛ jhmm, hud-stream ↛ the JHMM's internals.
 */
class ModuleArrowsTest {

    @Test
    void everyModuleUsesOnlyWhatItsArrowsReach() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(productionClassFolders());
        for (ModuleMap.Module m : List.of(ModuleMap.named("codec"), ModuleMap.named("dsl"),
                ModuleMap.named("actors-core"), ModuleMap.named("placement-crdt"), ModuleMap.named("jhmm-actors"),
                ModuleMap.named("node-app"))) {
            assertTrue(production.stream().anyMatch(c -> c.getPackageName().startsWith(m.packageRoot())),
                    "no class of " + m.name() + " was imported: the test would pass for want of code");
        }

        List<String> violations = ModuleRules.violations(production);

        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    /**
     * Every module's compiled classes, read from the module's own {@code target/classes} (the tests run in
     * node-app/): modules node-app does not depend on (consensus, hud-stream) are checked too, and a stale
     * jar in the local repository is never what gets checked. A module not built yet in this run is skipped.
     */
    private static List<Path> productionClassFolders() {
        List<Path> folders = new ArrayList<>();
        for (ModuleMap.Module m : ModuleMap.MODULES) {
            Path classes = Path.of("..", m.name(), "target", "classes");
            if (Files.isDirectory(classes)) {
                folders.add(classes);
            }
        }
        return folders;
    }

    @Test
    void theRulesCatchEachForbiddenArrow() {
        JavaClasses fixtures = new ClassFileImporter().importPackages(
                "dev.kwam.codec.archfixture", "dev.kwam.dsl.archfixture", "dev.kwam.placement.archfixture",
                "dev.kwam.jhmm.archfixture", "dev.kwam.hud.archfixture");

        String report = String.join("\n", ModuleRules.violations(fixtures));

        for (String offender : List.of("CodecThatUsesPekko", "DslThatUsesActors", "PlacementThatUsesJhmm",
                "JhmmThatUsesNodeApp", "HudThatReadsJhmmInternals")) {
            assertTrue(report.contains(offender), offender + " was not reported:\n" + report);
        }
        assertFalse(report.contains("HudThatReadsJhmmEvents"), "reading the published events is allowed:\n" + report);
    }

    @Test
    void everyPomDeclaresOnlyItsArrows() throws Exception {
        List<String> violations = PomArrows.violations();

        assertEquals(List.of(), violations);
    }
}

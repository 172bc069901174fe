package dev.kwam.node.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.kwam.node.architecture.ModuleMap.Module;
import java.util.ArrayList;
import java.util.List;

/** The arrows of docs/architecture.md as ArchUnit rules over bytecode. */
final class ModuleRules {

    /**
     * What hud-stream may read of the JHMM: its published events and reports, never the actors and
     * plans behind them, so the HUD cannot come to depend on how repair is carried out.
     */
    static final List<String> JHMM_PUBLISHED = List.of(
            "dev.kwam.jhmm.RepairEvent", "dev.kwam.jhmm.RepairStatus", "dev.kwam.jhmm.risk.FleetRisk");

    private static final String[] PLAIN_JAVA = {"java..", "javax..", "jdk.."};

    private ModuleRules() {
    }

    static List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>();
        ModuleMap.MODULES.forEach(m -> rules.add(arrowsOf(m)));
        rules.add(pureJava(ModuleMap.named("codec"), "codec is pure Java: no Pekko, no library at all"));
        rules.add(pureJava(ModuleMap.named("dsl"), "dsl knows nothing of actors: plain Java and codec only"));
        return rules;
    }

    /** Failure lines of every rule over {@code classes}; empty when the code keeps the arrows. */
    static List<String> violations(JavaClasses classes) {
        List<String> out = new ArrayList<>();
        for (ArchRule rule : all()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                out.add(rule.getDescription());
                result.getFailureReport().getDetails().forEach(line -> out.add("  " + line));
            }
        }
        return out;
    }

    private static ArchRule arrowsOf(Module module) {
        List<String> allowed = new ArrayList<>();
        ModuleMap.reachable(module).forEach(m -> allowed.add(m.packagePattern()));
        DescribedPredicate<JavaClass> permitted = resideOutsideOfPackage("dev.kwam..")
                .or(resideInAnyPackage(allowed.toArray(String[]::new)));
        if (module.name().equals("hud-stream")) {
            permitted = permitted.or(jhmmPublished());
        }
        return classes().that().resideInAPackage(module.packagePattern())
                .should().onlyDependOnClassesThat(permitted.as("reside in " + String.join(", ", allowed)
                        + " or outside dev.kwam"))
                .allowEmptyShould(true)
                .because(module.name() + "'s arrows in docs/architecture.md reach only " + allowed);
    }

    private static ArchRule pureJava(Module module, String why) {
        List<String> allowed = new ArrayList<>(List.of(PLAIN_JAVA));
        ModuleMap.reachable(module).forEach(m -> allowed.add(m.packagePattern()));
        return classes().that().resideInAPackage(module.packagePattern())
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .because(why);
    }

    private static DescribedPredicate<JavaClass> jhmmPublished() {
        return DescribedPredicate.describe("are the JHMM's published events " + JHMM_PUBLISHED,
                c -> JHMM_PUBLISHED.stream().anyMatch(p -> c.getName().equals(p) || c.getName().startsWith(p + "$")));
    }
}

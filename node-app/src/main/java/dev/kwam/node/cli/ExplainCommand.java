package dev.kwam.node.cli;

import dev.kwam.dsl.CompileResult;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.diag.DiagnosticRenderer;
import dev.kwam.dsl.policy.ClientBlock;
import dev.kwam.dsl.policy.DeployBlock;
import dev.kwam.dsl.policy.GuardBlock;
import dev.kwam.dsl.policy.Policy;
import dev.kwam.dsl.policy.PolicyBlock;
import dev.kwam.dsl.policy.Provenance;
import dev.kwam.dsl.policy.ReplicateBlock;
import dev.kwam.dsl.policy.ServerBlock;
import dev.kwam.dsl.vocab.Capability;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kwam explain}: the lowered policy as JSON with its provenance. Secrets appear only as their
 * {@code secret://} references and consent tokens only by id: the output is safe to paste in a ticket.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Print the lowered, validated policy as JSON: every block with its defaults applied, the guard's "
                + "durability verdict, and the provenance (file digest, imported modules' digests and signers)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the policy is valid and was printed", "1:the file has errors (printed as kwam check does)",
            "2:usage error, or a file or the keyring could not be read"})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (.kwam).")
    private Path file;

    @Option(names = "--keyring", paramLabel = "DIR", description = "A directory of the consent signers' ID.pub files.")
    private Path keyringDir;

    @Override
    public Integer call() throws CliException, IOException {
        CompileResult r = PolicyCompiler.compile(file.toString(), CheckCommand.read(file), CheckCommand.options(keyringDir));
        if (!r.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            err.print(DiagnosticRenderer.render(r.diagnostics()));
            err.println("kwam explain: " + file + " has " + r.diagnostics().size() + " error(s); no policy to explain");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json(r.policy().orElseThrow()));
        out.flush();
        return ExitCodes.OK;
    }

    static String json(Policy p) {
        JsonWriter w = new JsonWriter().beginObject().field("format_version", "1");
        Provenance prov = p.provenance();
        w.name("provenance").beginObject().field("file", prov.file()).field("file_digest", prov.fileDigest().toString())
                .field("compiler", prov.compilerVersion()).name("modules").beginArray();
        for (Provenance.ImportedModule m : prov.modules()) {
            w.beginObject().field("path", m.path()).field("alias", m.alias()).field("digest", m.digest().toString())
                    .field("signer", m.signer()).endObject();
        }
        w.endArray().endObject();
        w.name("servers").beginArray();
        for (ServerBlock s : p.servers()) {
            w.beginObject().field("name", s.name()).field("identity", s.identity().toString())
                    .field("transport", s.transport().name().toLowerCase()).field("control_port", s.ports().control())
                    .field("data_port", s.ports().data()).name("seeds").beginArray();
            s.seeds().forEach(h -> w.value(h.toString()));
            w.endArray().field("trust", s.trust().orElse("")).field("kill_switch", s.killSwitch()).endObject();
        }
        w.endArray().name("clients").beginArray();
        for (ClientBlock c : p.clients()) {
            w.beginObject().field("name", c.name()).field("image", c.image().toString()).field("sandbox", c.sandbox().keyword())
                    .field("safepoint", c.safepoint().name().toLowerCase()).endObject();
        }
        w.endArray().name("replication").beginArray();
        for (ReplicateBlock r : p.replicates()) {
            w.beginObject().field("name", r.name()).field("factor", r.factor()).field("max_factor", r.maxFactor())
                    .field("codec", r.codec().toString()).name("anti_affinity").beginArray();
            r.antiAffinity().forEach(w::value);
            w.endArray().field("chunk_avg_bytes", r.chunker().avgBytes()).endObject();
        }
        w.endArray().name("guards").beginArray();
        for (GuardBlock g : p.guards()) {
            w.beginObject().field("name", g.name()).field("durability_target_nines", g.durabilityNines())
                    .field("modeled_nines", g.math().estimate().nines())
                    .field("modeled_p_per_bit_year", String.format(java.util.Locale.ROOT, "%.3e", g.math().estimate().probability()))
                    .field("fleet_shape", g.math().fleetShapeName()).field("dominant_term", g.math().dominantTerm())
                    .field("on_violation", g.onViolation().name().toLowerCase()).endObject();
        }
        w.endArray().name("policies").beginArray();
        for (PolicyBlock c : p.policies()) {
            w.beginObject().field("name", c.name()).field("ca", c.ca().map(Object::toString).orElse(""))
                    .field("sandbox_floor", c.sandboxFloor().keyword()).name("grants").beginArray();
            for (PolicyBlock.Grant g : c.grants()) {
                w.beginObject().field("pattern", g.pattern().toString()).name("caps").beginArray();
                g.caps().stream().sorted().map(Capability::keyword).forEach(w::value);
                w.endArray().field("signed_by", g.signedBy().orElse("")).field("dual_control", g.dualControl()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray().name("rollouts").beginArray();
        for (DeployBlock r : p.deploys()) {
            w.beginObject().field("name", r.name()).field("server", r.server()).field("client", r.client()).field("pool", r.pool())
                    .field("strategy", r.strategy().name().toLowerCase()).name("consent").beginObject()
                    .field("token_id", r.consent().tokenId()).field("scope", r.consent().scope()).field("signer", r.consent().signer())
                    .name("signing_keys").beginArray();
            r.consent().signingKeys().forEach(w::value);
            w.endArray().field("dual_control", r.consent().dualControl()).field("state", "verified offline, not spent").endObject()
                    .endObject();
        }
        w.endArray().field("metrics", p.metrics().size()).field("profiles", p.profiles().size());
        return w.endObject().toString();
    }

}

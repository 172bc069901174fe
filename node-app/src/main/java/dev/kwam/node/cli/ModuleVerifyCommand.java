package dev.kwam.node.cli;

import dev.kwam.dsl.module.DirectoryModuleStore;
import dev.kwam.dsl.module.ModuleRefusal;
import dev.kwam.dsl.module.ModuleResolver;
import dev.kwam.dsl.module.ReleaseKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam module verify}: resolve one module exactly as {@code import} would, and say why it passes or not. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Resolve STORE_PATH from the bundled std modules (and --store DIR) exactly as an import would."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the module verifies", "1:the module is refused (the reason and its code are printed)",
            "2:usage error, or a file could not be read"})
final class ModuleVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STORE_PATH", description = "e.g. std/faultdomains")
    private String path;

    @Option(names = "--store", paramLabel = "DIR", description = "An operator module directory, searched after the bundled modules.")
    private Path store;

    @Option(names = "--digest", paramLabel = "CID", description = "A pinned digest the module must match.")
    private String digest;

    @Option(names = "--trust", paramLabel = "PUBKEY",
            description = "An extra trusted module signer (.pub file, key dir or ed25519:<hex>); repeatable.")
    private List<Path> trust = new ArrayList<>();

    @Override
    public Integer call() throws CliException, IOException {
        List<dev.kwam.dsl.module.ModuleStore> stores = new ArrayList<>();
        stores.add(new dev.kwam.dsl.module.BundledModuleStore());
        if (store != null) {
            stores.add(new DirectoryModuleStore(store));
        }
        List<dev.kwam.codec.sign.PublicKey> signers = new ArrayList<>(ReleaseKeys.bundled());
        for (Path t : trust) {
            signers.add(dev.kwam.codec.sign.KeyFiles.readPublicKey(t));
        }
        ModuleResolver.Resolution r = new ModuleResolver(stores, signers).resolve(path, Optional.ofNullable(digest));
        if (r instanceof ModuleRefusal refusal) {
            throw new CliException(CliError.checkFailed("module refused [" + refusal.code().id() + "]", path,
                    refusal.message(), refusal.hint()));
        }
        ModuleResolver.VerifiedModule m = (ModuleResolver.VerifiedModule) r;
        PrintWriter out = spec.commandLine().getOut();
        out.println("module     " + m.path() + "  (verified)");
        out.println("digest     " + m.digest());
        out.println("signer     " + m.signer());
        out.println("location   " + m.location());
        out.flush();
        return ExitCodes.OK;
    }
}

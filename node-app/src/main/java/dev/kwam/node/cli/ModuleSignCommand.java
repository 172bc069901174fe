package dev.kwam.node.cli;

import dev.kwam.codec.sign.KeyFiles;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.dsl.module.ModulePath;
import dev.kwam.dsl.module.ModuleRefusal;
import dev.kwam.dsl.module.ModuleSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kwam module sign}: what a release engineer runs, offline, with the key they hold. */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = {"Sign FILE as the module --path, writing FILE.sig next to it (replacing an older one)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE.sig was written", "2:usage error, or a file could not be read or written"})
final class ModuleSignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module source (.kwam).")
    private Path file;

    @Option(names = "--path", required = true, paramLabel = "STORE_PATH",
            description = "The module's store path, as imports name it (e.g. std/faultdomains).")
    private String path;

    @Option(names = "--key", required = true, paramLabel = "DIR",
            description = "Key directory written by `kwam keygen` (its kwam.key signs).")
    private Path keyDir;

    @Override
    public Integer call() throws CliException, IOException {
        Optional<ModuleRefusal> bad = ModulePath.check(path);
        if (bad.isPresent()) {
            throw new CliException(CliError.usage("--path is not a module store path", path, bad.get().message(),
                    bad.get().hint()));
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliError.io("no module file", file.toString(), "it does not exist or is not a file",
                    "pass the .kwam file to sign"));
        }
        SigningKey key = KeyFiles.readSigningKey(keyDir);
        ModuleSignature sig = ModuleSignature.sign(new ModulePath(path), Files.readAllBytes(file), key);
        Path sigFile = file.resolveSibling(file.getFileName() + ".sig");
        try (AtomicOutputFile f = AtomicOutputFile.beside(sigFile)) {
            f.stream().write(sig.encode().getBytes(StandardCharsets.UTF_8));
            f.commit();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("module     " + sig.module());
        out.println("digest     " + sig.digest() + "  (pin it: import \"" + sig.module() + "\" digest \"" + sig.digest() + "\")");
        out.println("signer     " + sig.signer());
        out.println("signature  " + sigFile);
        out.flush();
        return ExitCodes.OK;
    }
}

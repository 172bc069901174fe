package dev.kwam.node.cli;

import picocli.CommandLine.Command;

/** {@code kwam module}: sign and check policy modules for the integrity-verified module store. */
@Command(name = "module",
        mixinStandardHelpOptions = true,
        description = {
            "Sign and verify policy modules (what `import \"std/…\"` resolves to).",
            "A module is PATH.kwam with a detached PATH.kwam.sig that binds its store path to its SHA-256 digest."},
        subcommands = {ModuleSignCommand.class, ModuleVerifyCommand.class})
final class ModuleCommand {
}

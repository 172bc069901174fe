package dev.kwam.node.cli;

import dev.kwam.codec.CodecSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code protect}'s choice of code: {@code --data/--parity} (Reed–Solomon, default rs(10,4)) or
 * {@code --lrc}, never both. Checked here rather than with a picocli argument group, whose
 * message for a nested group ("expected only one match but got …") does not tell an operator
 * what to do.
 */
final class CodecChoice {
    static final int DEFAULT_DATA = 10;
    static final int DEFAULT_PARITY = 4;

    @Option(names = "--data", paramLabel = "K",
            description = "Reed-Solomon data shards per stripe (default: " + DEFAULT_DATA + ").")
    Integer data;

    @Option(names = "--parity", paramLabel = "M",
            description = "Reed-Solomon parity shards per stripe; any M may be lost (default: " + DEFAULT_PARITY + ").")
    Integer parity;

    @Option(names = "--lrc", paramLabel = "K,L,R", converter = LrcConverter.class,
            description = "Instead of --data/--parity: a local reconstruction code with K data shards in L local "
                    + "groups (one local parity each) plus R global parities, e.g. --lrc 12,2,2.")
    CodecSpec lrc;

    CodecSpec resolve(CommandLine commandLine) {
        if (lrc != null) {
            if (data != null || parity != null) {
                throw new CommandLine.ParameterException(commandLine, "--lrc and --data/--parity are mutually "
                        + "exclusive: choose Reed-Solomon (--data K --parity M) or LRC (--lrc K,L,R)");
            }
            return lrc;
        }
        int k = data != null ? data : DEFAULT_DATA;
        int m = parity != null ? parity : DEFAULT_PARITY;
        try {
            return new CodecSpec.ReedSolomonSpec(k, m);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--data " + k + " --parity " + m
                    + " is not a valid code: " + e.getMessage());
        }
    }

    static final class LrcConverter implements CommandLine.ITypeConverter<CodecSpec> {
        @Override
        public CodecSpec convert(String value) {
            if (!value.matches("\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*")) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not K,L,R (three numbers, e.g. 12,2,2)");
            }
            try {
                return CodecSpec.parse("lrc(" + value + ")");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

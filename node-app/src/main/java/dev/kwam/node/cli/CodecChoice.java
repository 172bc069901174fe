package dev.kwam.node.cli;

import dev.kwam.codec.CodecSpec;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code protect}'s choice of code: {@code --data/--parity} (Reed–Solomon) or {@code --lrc},
 * never both; picocli enforces the exclusion and reports it as a usage error.
 */
final class CodecChoice {
    static final int DEFAULT_DATA = 10;
    static final int DEFAULT_PARITY = 4;

    @ArgGroup(exclusive = false, multiplicity = "0..1")
    ReedSolomonShape reedSolomon;

    @Option(names = "--lrc", paramLabel = "K,L,R", converter = LrcConverter.class,
            description = "Local reconstruction code: K data shards in L local groups (one local parity each) "
                    + "plus R global parities, e.g. --lrc 12,2,2.")
    CodecSpec lrc;

    static final class ReedSolomonShape {
        @Option(names = "--data", paramLabel = "K",
                description = "Reed-Solomon data shards per stripe (default: " + DEFAULT_DATA + ").")
        int data = DEFAULT_DATA;

        @Option(names = "--parity", paramLabel = "M",
                description = "Reed-Solomon parity shards per stripe; any M may be lost (default: " + DEFAULT_PARITY + ").")
        int parity = DEFAULT_PARITY;
    }

    /** The chosen code; rs(10,4) when {@code choice} is null (no codec option given). */
    static CodecSpec resolve(CodecChoice choice, CommandLine commandLine) {
        if (choice != null && choice.lrc != null) {
            return choice.lrc;
        }
        ReedSolomonShape rs = choice == null || choice.reedSolomon == null ? new ReedSolomonShape() : choice.reedSolomon;
        try {
            return new CodecSpec.ReedSolomonSpec(rs.data, rs.parity);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--data " + rs.data + " --parity " + rs.parity
                    + " is not a valid code: " + e.getMessage());
        }
    }

    static final class LrcConverter implements CommandLine.ITypeConverter<CodecSpec> {
        @Override
        public CodecSpec convert(String value) {
            if (!value.matches("\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*")) {
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

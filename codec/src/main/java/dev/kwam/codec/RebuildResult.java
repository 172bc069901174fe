package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import java.util.List;

/**
 * What a stripe rebuild produced. {@code rebuilt} holds only fragments that passed the SHA gate (their
 * cid is the manifest's), in index order; {@code refused} names targets whose rebuilt bytes did not,
 * which means the sources disagree with the manifest and must be re-examined. {@code sources} are the
 * fragment indexes read, {@code problems} the sources ruled out on the way (missing or corrupt).
 */
public record RebuildResult(int stripe, List<Fragment> rebuilt, List<FragmentProblem> refused, List<Integer> sources,
        List<FragmentProblem> problems, long bytesRead) {
    public RebuildResult {
        rebuilt = List.copyOf(rebuilt);
        refused = List.copyOf(refused);
        sources = List.copyOf(sources);
        problems = List.copyOf(problems);
    }

    /** True when every target was rebuilt and gated. */
    public boolean complete() {
        return refused.isEmpty();
    }
}

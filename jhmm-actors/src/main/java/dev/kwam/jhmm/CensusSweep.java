package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Finds the stripes below full redundancy as the census shows them — a slot not OK or not placed, or placed on a
 * node outside {@code members} (the members not downed) — so the JHMM's host can re-examine them when it starts
 * (a restart or a move resumes the plan) and on every sweep.
 */
@FunctionalInterface
public interface CensusSweep {
    CompletionStage<List<Cid>> belowFullRedundancy(Set<String> members);
}

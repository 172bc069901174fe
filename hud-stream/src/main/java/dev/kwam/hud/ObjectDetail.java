package dev.kwam.hud;

import java.util.List;
import java.util.Objects;

/**
 * One object with where each of its fragments lives and in what state, stripe by stripe, as the serving node's
 * census replica shows it ({@code state}: {@code ok}, {@code missing} — including an OK slot on a node that is not a
 * live member — {@code corrupt} or {@code repairing}).
 */
public record ObjectDetail(ObjectRecord object, List<Stripe> stripes) {
    public ObjectDetail {
        Objects.requireNonNull(object, "object");
        stripes = List.copyOf(stripes);
    }

    public record Stripe(int index, String chunk, int k, int m, List<Fragment> fragments) {
        public Stripe {
            fragments = List.copyOf(fragments);
        }
    }

    public record Fragment(int index, String cid, String node, String state) {
    }
}

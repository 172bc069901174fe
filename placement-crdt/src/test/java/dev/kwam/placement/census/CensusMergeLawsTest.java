package dev.kwam.placement.census;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The census values merge as joins (commutative, associative, idempotent) over random values that
 * collide on stripes, slots and stamps; otherwise replicas that saw the same writes in a different
 * order would not converge. Delta merging is the same join.
 */
class CensusMergeLawsTest {
    @Provide
    Arbitrary<StripeShard> stripes() {
        return Arbitraries.randomValue(CensusValues::stripeShard);
    }

    @Provide
    Arbitrary<ObjectShard> objects() {
        return Arbitraries.randomValue(CensusValues::objectShard);
    }

    @Provide
    Arbitrary<NodeDirectory> nodes() {
        return Arbitraries.randomValue(CensusValues::nodeDirectory);
    }

    @Property(tries = 500)
    void stripeMergeIsCommutative(@ForAll("stripes") StripeShard a, @ForAll("stripes") StripeShard b) {
        assertEquals(a.mergeData(b), b.mergeData(a));
    }

    @Property(tries = 500)
    void stripeMergeIsAssociative(@ForAll("stripes") StripeShard a, @ForAll("stripes") StripeShard b,
            @ForAll("stripes") StripeShard c) {
        assertEquals(a.mergeData(b).mergeData(c), a.mergeData(b.mergeData(c)));
    }

    @Property(tries = 300)
    void stripeMergeIsIdempotent(@ForAll("stripes") StripeShard a, @ForAll("stripes") StripeShard b) {
        assertEquals(a, a.mergeData(a));
        StripeShard ab = a.mergeData(b);
        assertEquals(ab, ab.mergeData(b));
    }

    @Property(tries = 300)
    void stripeDeltaMergeEqualsFullMerge(@ForAll("stripes") StripeShard a, @ForAll("stripes") StripeShard b) {
        assertEquals(a.mergeData(b), a.mergeDeltaData(b));
    }

    @Property(tries = 500)
    void objectMergeIsCommutative(@ForAll("objects") ObjectShard a, @ForAll("objects") ObjectShard b) {
        assertEquals(a.mergeData(b), b.mergeData(a));
    }

    @Property(tries = 500)
    void objectMergeIsAssociative(@ForAll("objects") ObjectShard a, @ForAll("objects") ObjectShard b,
            @ForAll("objects") ObjectShard c) {
        assertEquals(a.mergeData(b).mergeData(c), a.mergeData(b.mergeData(c)));
    }

    @Property(tries = 300)
    void objectMergeIsIdempotent(@ForAll("objects") ObjectShard a, @ForAll("objects") ObjectShard b) {
        assertEquals(a, a.mergeData(a));
        ObjectShard ab = a.mergeData(b);
        assertEquals(ab, ab.mergeData(b));
    }

    @Property(tries = 500)
    void nodeMergeIsCommutative(@ForAll("nodes") NodeDirectory a, @ForAll("nodes") NodeDirectory b) {
        assertEquals(a.mergeData(b), b.mergeData(a));
    }

    @Property(tries = 500)
    void nodeMergeIsAssociative(@ForAll("nodes") NodeDirectory a, @ForAll("nodes") NodeDirectory b,
            @ForAll("nodes") NodeDirectory c) {
        assertEquals(a.mergeData(b).mergeData(c), a.mergeData(b.mergeData(c)));
    }

    @Property(tries = 300)
    void nodeMergeIsIdempotent(@ForAll("nodes") NodeDirectory a, @ForAll("nodes") NodeDirectory b) {
        assertEquals(a, a.mergeData(a));
        NodeDirectory ab = a.mergeData(b);
        assertEquals(ab, ab.mergeData(b));
    }
}

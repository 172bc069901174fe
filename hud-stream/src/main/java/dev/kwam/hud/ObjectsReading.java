package dev.kwam.hud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of objects in cid order ({@code more}: objects past the page may exist), or one object's detail, as read
 * at {@code observedAt}, with where the reading comes from.
 */
public final class ObjectsReading {
    private ObjectsReading() {
    }

    public record Page(List<ObjectRecord> objects, boolean more, Source source, Instant observedAt) {
        public Page {
            objects = List.copyOf(objects);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(observedAt, "observedAt");
        }
    }

    /** {@code detail} is empty when the census knows no such object. */
    public record One(Optional<ObjectDetail> detail, Source source, Instant observedAt) {
        public One {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(observedAt, "observedAt");
        }
    }
}

package nl.meedoen.notification.segment;

/** Response bodies of the segment API. */
public final class SegmentViews {

    private SegmentViews() {}

    public record Count(long count) {}
}

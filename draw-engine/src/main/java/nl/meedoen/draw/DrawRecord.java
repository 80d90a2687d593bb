package nl.meedoen.draw;

import java.util.List;

/**
 * A verifiable draw. Phase (a), {@link DrawEngine#commit}: engine, input and distribution are fixed and hashed into
 * {@code commitment}; {@code seed} and {@code result} are still null. Phase (b), {@link DrawEngine#draw}: the seed
 * and the sampled result are added. {@code probabilities} (pool order) are derived from the distribution and
 * informational. JSON form: {@link DrawRecords}.
 */
public record DrawRecord(
        String engine,
        DrawInput input,
        Distribution distribution,
        String commitment,
        String seed,
        Result result,
        List<Double> probabilities) {

    /** {@code panel}: index of the sampled panel in the distribution (null for uniform). */
    public record Result(Integer panel, List<String> selected, List<String> waitlist) {
        public Result {
            selected = List.copyOf(selected);
            waitlist = List.copyOf(waitlist);
        }
    }

    public boolean isDrawn() {
        return seed != null && result != null;
    }
}

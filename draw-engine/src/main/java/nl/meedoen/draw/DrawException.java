package nl.meedoen.draw;

import java.util.List;

/**
 * A draw that cannot be done as asked, with a machine-readable {@link #code()}, the human reasons in
 * {@link #details()} and, for infeasible quotas, the smallest relaxation that makes them feasible.
 */
public class DrawException extends RuntimeException {
    public static final String INVALID_INPUT = "invalid-input";
    public static final String PANEL_LARGER_THAN_POOL = "panel-larger-than-pool";
    public static final String INFEASIBLE_QUOTAS = "infeasible-quotas";
    public static final String INVALID_RECORD = "invalid-record";
    public static final String NO_REPLACEMENT = "no-replacement";
    public static final String CANCELLED = "cancelled";

    private final String code;
    private final List<String> details;
    private final List<QuotaRelaxation> relaxations;

    public DrawException(String code, String message, List<String> details, List<QuotaRelaxation> relaxations) {
        super(message);
        this.code = code;
        this.details = List.copyOf(details);
        this.relaxations = List.copyOf(relaxations);
    }

    static DrawException cancelled() {
        return new DrawException(CANCELLED, "the computation was cancelled", List.of(), List.of());
    }

    static DrawException invalid(String message) {
        return new DrawException(INVALID_INPUT, message, List.of(), List.of());
    }

    static DrawException invalid(List<String> problems) {
        String msg = problems.size() == 1 ? problems.get(0) : problems.size() + " problems in the input";
        return new DrawException(INVALID_INPUT, msg, problems, List.of());
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }

    /** Non-empty only for {@link #INFEASIBLE_QUOTAS}: move these bounds (in total as little as possible) and it works. */
    public List<QuotaRelaxation> relaxations() {
        return relaxations;
    }
}

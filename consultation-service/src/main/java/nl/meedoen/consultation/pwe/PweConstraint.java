package nl.meedoen.consultation.pwe;

/**
 * The main constraint of a PWE block.
 *
 * <ul>
 *   <li>{@code BUDGET}: the chosen options' cost stays within {@code budget}; with
 *       {@code allowUnspent} false the respondent must keep going until no further option fits.</li>
 *   <li>{@code TARGET}: the chosen options together reach at least {@code target} of
 *       {@code quantity} (a resource name; null means the options' cost, e.g. savings).</li>
 * </ul>
 */
public record PweConstraint(String type, Double budget, Boolean allowUnspent, Double target, String quantity) {

    public static final String BUDGET = "BUDGET";
    public static final String TARGET = "TARGET";

    public boolean budgetType() {
        return BUDGET.equals(type);
    }

    public boolean unspentAllowed() {
        return allowUnspent == null || allowUnspent;
    }
}

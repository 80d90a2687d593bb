package nl.meedoen.draw;

/**
 * One bound to move so that the quotas become satisfiable: {@code bound} is "min" or "max" of
 * {@code category}/{@code feature}, from {@code current} to {@code suggested}.
 */
public record QuotaRelaxation(String category, String feature, String bound, int current, int suggested) {
    public int by() {
        return Math.abs(suggested - current);
    }

    @Override
    public String toString() {
        return category + "=" + feature + ": " + bound + " " + current + " -> " + suggested;
    }
}

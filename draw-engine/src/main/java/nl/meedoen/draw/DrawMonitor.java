package nl.meedoen.draw;

/**
 * Lets the caller of a long computation follow it and stop it. LEXIMIN on a large pool can take minutes:
 * the engine reports what it is doing and asks, between solver rounds, whether to go on.
 */
public interface DrawMonitor {

    /** Follows nothing and never cancels. */
    DrawMonitor NONE = new DrawMonitor() {
        @Override
        public void progress(String phase, long done, long total) {}

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** @param total 0 while the amount of work is not known */
    void progress(String phase, long done, long total);

    /** Asked between rounds; true makes the engine stop with a {@link DrawException} coded {@code cancelled}. */
    boolean cancelled();
}

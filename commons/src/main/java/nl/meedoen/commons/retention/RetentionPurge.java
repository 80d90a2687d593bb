package nl.meedoen.commons.retention;

/**
 * A deletion that ends a retention period (docs/retention.md). A service's purges are beans of this type, and
 * {@link RetentionSchedule} runs them all once a day.
 */
public interface RetentionPurge {

    /** @return rows deleted now; runs in its own transaction */
    int purge();
}

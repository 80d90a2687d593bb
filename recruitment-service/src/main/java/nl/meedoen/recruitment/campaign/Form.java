package nl.meedoen.recruitment.campaign;

import nl.meedoen.recruitment.campaign.Campaign.SelectionMode;

/**
 * The people-forms of the toolkit that recruitment serves (docs/domain.md, "Forms, owners and selection"), each with the toolkit's
 * default way of choosing participants; the organiser may choose another per campaign.
 */
public enum Form {
    /** §3.1–3.4 and the board's own recruits: the tenant organisation's board appoints on knowledge, experience and interest. */
    FOCUS_GROUP(SelectionMode.APPOINTMENT), OUTER_RING(SelectionMode.APPOINTMENT), WORK_GROUP(SelectionMode.APPOINTMENT),
    ADVISORY_COUNCIL(SelectionMode.APPOINTMENT),
    /** §5.1, 5.2: by lottery, and a lottery only when there are more sign-ups than seats. */
    TENANT_COUNCIL_ONE_OFF(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED), TENANT_COUNCIL_STANDING(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED),
    TARGET_GROUP_PLATFORM(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED),
    ASPIRANT_BOARD_MEMBER(SelectionMode.APPOINTMENT), PROJECT_GROUP(SelectionMode.APPOINTMENT),
    LISTENING_PANEL(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED),
    /** §3.6–3.8: events open to everyone up to capacity. */
    CUSTOMER_ARENA(SelectionMode.OPEN_UP_TO_CAPACITY),
    COMPLEX_AMBASSADOR(SelectionMode.APPOINTMENT),
    THEME_EVENING(SelectionMode.OPEN_UP_TO_CAPACITY), TENANT_DAY(SelectionMode.OPEN_UP_TO_CAPACITY),
    NEIGHBOURHOOD_INSPECTION(SelectionMode.OPEN_UP_TO_CAPACITY);

    private final SelectionMode defaultSelection;

    Form(SelectionMode defaultSelection) {
        this.defaultSelection = defaultSelection;
    }

    /** The toolkit's default way of choosing participants for this form. */
    public SelectionMode defaultSelection() {
        return defaultSelection;
    }
}

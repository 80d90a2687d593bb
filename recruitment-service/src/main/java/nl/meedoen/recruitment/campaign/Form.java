package nl.meedoen.recruitment.campaign;

import nl.meedoen.recruitment.campaign.Campaign.SelectionMode;

/**
 * The people-forms of the toolkit that recruitment serves (docs/domain.md, "Forms, owners and selection"), each with the toolkit's
 * default way of choosing participants; the organiser may choose another per campaign.
 */
public enum Form {
    /** §3.1–3.4 and the board's own recruits: the tenant organisation's board appoints on knowledge, experience and interest. */
    /** §3.1 ends when its advice is given; §3.3 and §3.4 are standing (terms, sessions over time). */
    FOCUS_GROUP(SelectionMode.APPOINTMENT, false),
    OUTER_RING(SelectionMode.APPOINTMENT, false),
    WORK_GROUP(SelectionMode.APPOINTMENT, true),
    ADVISORY_COUNCIL(SelectionMode.APPOINTMENT, true),
    /** §5.1, 5.2: by lottery, and a lottery only when there are more sign-ups than seats; §5.2 and §5.3 are standing. */
    TENANT_COUNCIL_ONE_OFF(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED, false),
    TENANT_COUNCIL_STANDING(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED, true),
    TARGET_GROUP_PLATFORM(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED, true),
    ASPIRANT_BOARD_MEMBER(SelectionMode.APPOINTMENT, false),
    PROJECT_GROUP(SelectionMode.APPOINTMENT, false),
    LISTENING_PANEL(SelectionMode.LOTTERY_WHEN_OVERSUBSCRIBED, false),
    /** §3.6–3.8: events open to everyone up to capacity. */
    CUSTOMER_ARENA(SelectionMode.OPEN_UP_TO_CAPACITY, false),
    /** §5.4: standing. */
    COMPLEX_AMBASSADOR(SelectionMode.APPOINTMENT, true),
    THEME_EVENING(SelectionMode.OPEN_UP_TO_CAPACITY, false),
    TENANT_DAY(SelectionMode.OPEN_UP_TO_CAPACITY, false),
    NEIGHBOURHOOD_INSPECTION(SelectionMode.OPEN_UP_TO_CAPACITY, false),
    /** §3.9: a meeting without an agenda ("bijeenkomst zonder agenda"), open to everyone up to capacity. */
    MEETING_WITHOUT_AGENDA(SelectionMode.OPEN_UP_TO_CAPACITY, false);

    private final SelectionMode defaultSelection;
    private final boolean standing;

    Form(SelectionMode defaultSelection, boolean standing) {
        this.defaultSelection = defaultSelection;
        this.standing = standing;
    }

    /** A standing form (§3.3, 3.4, 5.2, 5.3, 5.4): terms with rotation, sessions added over time. */
    public boolean standing() {
        return standing;
    }

    /**
     * A form of the toolkit's formal part (§3): focus group, outer ring, work group, advisory council (§3.1–3.4) and the
     * constituency's events (§3.6–3.9). Every tenant organisation sees these campaigns of the corporation, read-only.
     */
    public boolean formal() {
        return switch (this) {
            case FOCUS_GROUP,
                    OUTER_RING,
                    WORK_GROUP,
                    ADVISORY_COUNCIL,
                    THEME_EVENING,
                    TENANT_DAY,
                    NEIGHBOURHOOD_INSPECTION,
                    MEETING_WITHOUT_AGENDA -> true;
            default -> false;
        };
    }

    /** The toolkit's default way of choosing participants for this form. */
    public SelectionMode defaultSelection() {
        return defaultSelection;
    }
}

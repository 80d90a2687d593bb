package nl.meedoen.consultation.questionnaire;

/**
 * The question types a questionnaire supports (and SurveyJS import understands). Every place that treats the types
 * differently is an exhaustive {@code switch} over this enum without a {@code default}, so a new constant does not
 * compile until each of them handles it (CONTRIBUTING.md, "A question type").
 */
public enum QuestionType {
    /** One option: the answer is the option's value. */
    SINGLE_CHOICE,
    /** Several options (min/max = how many): the answer is a list of values. */
    MULTIPLE_CHOICE,
    /** Likert or rating scale (min/max = lowest/highest point, default 1 to 5): an integer. */
    SCALE,
    /** A number within min/max (integer when {@code integer} is true). */
    NUMBER,
    /** Open text up to maxLength characters (default 2000). */
    TEXT,
    /** Options in order of preference (min = how many must be ranked, default all): a list of values. */
    RANKING,
    /** A Participatory Value Evaluation block: a portfolio of options under a budget or target. */
    PWE;

    /** Whether the question offers {@code options} to choose from or rank. */
    public boolean hasOptions() {
        return switch (this) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, RANKING -> true;
            case SCALE, NUMBER, TEXT, PWE -> false;
        };
    }
}

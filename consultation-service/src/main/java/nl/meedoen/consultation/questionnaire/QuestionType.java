package nl.meedoen.consultation.questionnaire;

/** The question types a questionnaire supports (and SurveyJS import understands). */
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
    PWE
}

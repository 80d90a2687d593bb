package nl.meedoen.consultation.questionnaire;

import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.pwe.PweBlock;

/**
 * One question. Texts are maps from language code to text; the consultation's first language is
 * required, the others fall back to it.
 *
 * @param page     groups questions into pages (SurveyJS pages); default {@code page1}
 * @param askedBy  who asks it, {@code corporation} or {@code tenant-organisation} (required for every
 *                 question when the other party disagreed in the alignment); shown to respondents
 * @param min      MULTIPLE_CHOICE: fewest options; SCALE: lowest point; NUMBER: lowest value;
 *                 RANKING: fewest options ranked
 * @param max      MULTIPLE_CHOICE: most options; SCALE: highest point; NUMBER: highest value
 */
public record Question(
        String id,
        QuestionType type,
        String page,
        Map<String, String> text,
        Map<String, String> help,
        String askedBy,
        Boolean required,
        Condition requiredIf,
        Condition visibleIf,
        List<Option> options,
        Double min,
        Double max,
        Boolean integer,
        Integer maxLength,
        Map<String, String> minLabel,
        Map<String, String> maxLabel,
        PweBlock pwe) {

    public static final int DEFAULT_TEXT_MAX_LENGTH = 2000;

    public boolean alwaysRequired() {
        return Boolean.TRUE.equals(required);
    }

    public String pageOrDefault() {
        return page == null || page.isBlank() ? "page1" : page;
    }

    public List<Option> optionsOrEmpty() {
        return options == null ? List.of() : options;
    }

    public int scaleMin() {
        return min == null ? 1 : min.intValue();
    }

    public int scaleMax() {
        return max == null ? 5 : max.intValue();
    }

    public int textMaxLength() {
        return maxLength == null ? DEFAULT_TEXT_MAX_LENGTH : maxLength;
    }
}

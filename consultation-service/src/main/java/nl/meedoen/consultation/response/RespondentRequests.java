package nl.meedoen.consultation.response;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the respondent API. */
public final class RespondentRequests {

    private RespondentRequests() {}

    @Schema(
            name = "Answers",
            description = "questionId → answer: a string (single choice), a list (multiple choice, ranking), "
                    + "a number (scale, number), a text, or {chosen, motivations, overallMotivation} (PWE)")
    public record Answers(Map<String, Object> answers) {}
}

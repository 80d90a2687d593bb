package nl.meedoen.consultation.pwe;

import java.util.List;
import java.util.Map;

/** A respondent's portfolio: the chosen options, a motivation per chosen option and one overall. */
public record PweAnswer(List<String> chosen, Map<String, String> motivations, String overallMotivation) {

    public List<String> chosenOrEmpty() {
        return chosen == null ? List.of() : chosen;
    }

    public Map<String, String> motivationsOrEmpty() {
        return motivations == null ? Map.of() : motivations;
    }
}

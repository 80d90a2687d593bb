package nl.meedoen.consultation.export;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code ?flavour=} query parameter of the SurveyJS export and of the respondent operations that read or take
 * its answers, read and documented in one place.
 */
public class SurveyJsFlavourParameter {

    @QueryParam(SurveyJsFlavour.PARAMETER)
    @Parameter(
            name = SurveyJsFlavour.PARAMETER,
            description = "custom: the richer form, with the custom element 'pwe' and the property 'askedBy' that a "
                    + "frontend registers (examples/surveyjs-frontend/pwe.js); stock: standard SurveyJS elements only, "
                    + "which stock SurveyJS renders as it is: who asks a question is in its description, a PWE block is "
                    + "a checkbox named after the question (one choice per option, its cost in the text; budget and "
                    + "rules in the description) with comments '<question>:motivation:<option>' and "
                    + "'<question>:motivation'. Answers of a stock form are posted with ?flavour=stock too; the server "
                    + "checks them by the same rules, and errors[].field names the stock form's elements.",
            schema =
                    @Schema(
                            enumeration = {"custom", "stock"},
                            defaultValue = "custom"))
    String value;

    /** The flavour asked for; a 400 naming the parameter for anything but the two names. */
    public SurveyJsFlavour flavour() {
        return SurveyJsFlavour.fromParameter(value);
    }
}

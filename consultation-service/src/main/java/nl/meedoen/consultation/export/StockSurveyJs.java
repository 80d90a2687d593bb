package nl.meedoen.consultation.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.meedoen.consultation.Phrases;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweOption;
import nl.meedoen.consultation.pwe.PweWords;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * What the stock flavour of the SurveyJS export writes where the custom one uses our own element and property, and
 * the way back for its answers. Stock SurveyJS drops unknown element types and ignores unknown properties, so: who
 * asks a question leads its description; a PWE block is a {@code checkbox} named after the question, one choice per
 * option with its cost in the text, the budget, the rules and the options' pros and cons in its description, and a
 * {@code comment} per motivation ({@code <question>:motivation:<option>}, {@code <question>:motivation}: a colon is
 * in no question or option id, so these names never clash). The server checks the portfolio by the same rules as the
 * custom form's.
 */
final class StockSurveyJs {

    private static final String MOTIVATION = ":motivation";

    /**
     * The texts this flavour adds, in the five languages tenants read ({@link Phrases}: another language gets the
     * English ones, as the example frontend does; Turkish, Arabic and Polish to be checked by a native speaker).
     */
    static final Phrases PHRASES = new Phrases(Map.of(
            "nl",
            Map.ofEntries(
                    Map.entry("corporation", "Vraag van de corporatie"),
                    Map.entry("tenant-organisation", "Vraag van de huurdersorganisatie"),
                    Map.entry("checked", "Bij het versturen controleren wij deze regels."),
                    Map.entry("motivation", "Waarom kiest u {option}?"),
                    Map.entry("overall", "Toelichting op uw keuze")),
            "en",
            Map.ofEntries(
                    Map.entry("corporation", "Asked by the housing corporation"),
                    Map.entry("tenant-organisation", "Asked by the tenant organisation"),
                    Map.entry("checked", "These rules are checked when you submit."),
                    Map.entry("motivation", "Why do you choose {option}?"),
                    Map.entry("overall", "Explain your choice")),
            "tr",
            Map.ofEntries(
                    Map.entry("corporation", "Konut kuruluşunun sorusu"),
                    Map.entry("tenant-organisation", "Kiracı örgütünün sorusu"),
                    Map.entry("checked", "Bu kuralları gönderirken kontrol ediyoruz."),
                    Map.entry("motivation", "{option} seçeneğini neden seçiyorsunuz?"),
                    Map.entry("overall", "Seçiminizi açıklayın")),
            "ar",
            Map.ofEntries(
                    Map.entry("corporation", "سؤال من مؤسسة الإسكان"),
                    Map.entry("tenant-organisation", "سؤال من منظمة المستأجرين"),
                    Map.entry("checked", "نتحقق من هذه القواعد عند الإرسال."),
                    Map.entry("motivation", "لماذا تختارون {option}؟"),
                    Map.entry("overall", "اشرحوا اختياركم")),
            "pl",
            Map.ofEntries(
                    Map.entry("corporation", "Pytanie towarzystwa mieszkaniowego"),
                    Map.entry("tenant-organisation", "Pytanie organizacji lokatorskiej"),
                    Map.entry("checked", "Te zasady sprawdzamy przy wysyłaniu."),
                    Map.entry("motivation", "Dlaczego wybierają Państwo opcję {option}?"),
                    Map.entry("overall", "Uzasadnienie wyboru"))));

    private StockSurveyJs() {}

    // ---------------------------------------------------------------- export

    /** The description: who asks, the help text, and for a PWE block its budget, rules and options. */
    static Object description(Question x, List<String> languages) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : languages) {
            List<String> lines = new ArrayList<>();
            String help = Texts.pick(x.help(), language, languages.get(0));
            String askedBy = x.askedBy() == null ? null : phrase(language, x.askedBy());
            String lead = askedBy == null ? help : help == null ? askedBy : askedBy + " — " + help;
            if (lead != null) {
                lines.add(lead);
            }
            if (x.type() == QuestionType.PWE) {
                lines.addAll(rules(x.pwe(), language, languages.get(0)));
            }
            if (!lines.isEmpty()) {
                texts.put(language, String.join("\n", lines));
            }
        }
        return SurveyJs.loc(texts, languages);
    }

    /** The PWE block's options as the checkbox's choices, the cost in each choice's text. */
    static void pweChoices(Map<String, Object> e, Question x, List<String> languages) {
        PweBlock b = x.pwe();
        String def = languages.get(0);
        List<Object> choices = new ArrayList<>();
        for (PweOption o : b.optionsOrEmpty()) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String language : languages) {
                texts.put(language, Texts.pick(o.text(), language, def) + " (" + PweWords.amount(b, o, language) + ")");
            }
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("value", o.id());
            choice.put("text", SurveyJs.loc(texts, languages));
            choices.add(choice);
        }
        e.put("choices", choices);
        SurveyJs.put(e, "minSelectedChoices", b.minOptions());
        SurveyJs.put(e, "maxSelectedChoices", b.maxOptions());
    }

    /** The comments a PWE block asks for: a motivation per chosen option (shown once it is chosen) and one overall. */
    static List<Map<String, Object>> motivations(Question x, List<String> languages) {
        PweBlock b = x.pwe();
        String def = languages.get(0);
        List<Map<String, Object>> elements = new ArrayList<>();
        if (!"NONE".equals(b.optionMotivationMode())) {
            for (PweOption o : b.optionsOrEmpty()) {
                Map<String, String> titles = new LinkedHashMap<>();
                for (String language : languages) {
                    titles.put(
                            language,
                            phrase(language, "motivation").replace("{option}", Texts.pick(o.text(), language, def)));
                }
                elements.add(motivation(
                        x.id() + MOTIVATION + ":" + o.id(),
                        SurveyJs.loc(titles, languages),
                        "{" + x.id() + "} contains " + SurveyJsExpressions.literal(o.id()),
                        "REQUIRED".equals(b.optionMotivationMode()),
                        b.motivationLimit()));
            }
        }
        if (!"NONE".equals(b.overallMotivationMode())) {
            Map<String, String> titles = new LinkedHashMap<>();
            for (String language : languages) {
                titles.put(language, phrase(language, "overall"));
            }
            elements.add(motivation(
                    x.id() + MOTIVATION,
                    SurveyJs.loc(titles, languages),
                    "{" + x.id() + "} notempty",
                    "REQUIRED".equals(b.overallMotivationMode()),
                    b.motivationLimit()));
        }
        return elements;
    }

    private static Map<String, Object> motivation(
            String name, Object title, String visibleIf, boolean required, int maxLength) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "comment");
        e.put("name", name);
        e.put("title", title);
        e.put("visibleIf", visibleIf);
        if (required) {
            e.put("isRequired", true);
        }
        e.put("maxLength", maxLength);
        return e;
    }

    /** The block's rules, then what each option is (besides its name and cost), then that the rules are checked. */
    private static List<String> rules(PweBlock b, String language, String def) {
        List<String> lines = new ArrayList<>(PweWords.rules(b, language, def));
        for (PweOption o : b.optionsOrEmpty()) {
            List<String> details = PweWords.details(o, language, def);
            if (!details.isEmpty()) {
                lines.add(Texts.pick(o.text(), language, def) + ": " + String.join(" ", details));
            }
        }
        lines.add(phrase(language, "checked"));
        return lines;
    }

    private static String phrase(String language, String key) {
        return PHRASES.get(language, key);
    }

    // ---------------------------------------------------------------- answers

    /**
     * A stock form's answers in the shape the answer rules read: per PWE block, the checkbox's list and its
     * motivation comments become {@code {"chosen": [...], "motivations": {...}, "overallMotivation": "..."}}.
     * Everything else passes unchanged, so what does not fit is refused by the same rules as ever.
     */
    static Map<String, Object> answers(Questionnaire questionnaire, Map<String, Object> answers) {
        Map<String, Object> out = new LinkedHashMap<>(answers);
        for (Question x : questionnaire.questionsOrEmpty()) {
            if (x.type() != QuestionType.PWE) {
                continue;
            }
            String optionPrefix = x.id() + MOTIVATION + ":";
            Map<String, Object> motivations = new LinkedHashMap<>();
            for (String key : List.copyOf(out.keySet())) {
                if (key.startsWith(optionPrefix)) {
                    motivations.put(key.substring(optionPrefix.length()), out.remove(key));
                }
            }
            Object chosen = out.remove(x.id());
            Object overall = out.remove(x.id() + MOTIVATION);
            if (chosen == null && motivations.isEmpty() && overall == null) {
                continue;
            }
            Map<String, Object> portfolio = new LinkedHashMap<>();
            portfolio.put("chosen", chosen == null ? List.of() : chosen);
            if (!motivations.isEmpty()) {
                portfolio.put("motivations", motivations);
            }
            if (overall != null) {
                portfolio.put("overallMotivation", overall);
            }
            out.put(x.id(), portfolio);
        }
        return out;
    }

    private static final Pattern PWE_FIELD =
            Pattern.compile("answers\\.([^.]+)\\.(chosen|overallMotivation|motivations\\.(.+))");

    /** A rule's field about a PWE answer as the stock form names the element: the checkbox or the motivation's comment. */
    static String field(String field) {
        Matcher m = PWE_FIELD.matcher(field);
        if (!m.matches()) {
            return field;
        }
        return "answers." + m.group(1)
                + switch (m.group(2)) {
                    case "chosen" -> "";
                    case "overallMotivation" -> MOTIVATION;
                    default -> MOTIVATION + ":" + m.group(3);
                };
    }
}

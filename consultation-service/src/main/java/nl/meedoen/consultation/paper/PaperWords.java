package nl.meedoen.consultation.paper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweWords;
import nl.meedoen.consultation.questionnaire.Condition;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * What the paper questionnaire says besides the consultation's own texts: how to fill in each question type, when a
 * question applies (its conditions in words, as a form cannot hide a question), and the page furniture. Dutch and
 * English; another language gets the English words, as the stock SurveyJS form does. Plain Java.
 */
final class PaperWords {

    private static final Map<String, Map<String, String>> PHRASES = Map.of(
            "nl",
            Map.ofEntries(
                    Map.entry("code", "Code"),
                    Map.entry("codeHint", "Schrijf hier de code van uw brief:"),
                    Map.entry("page", "Blad {page} van {pages}"),
                    Map.entry("returnBy", "Stuur dit formulier vóór {date} terug, of geef het af."),
                    Map.entry(
                            "codeExplained",
                            "Met de code bovenaan elke bladzijde verwerken wij uw antwoorden. Uw naam staat niet op dit formulier."),
                    Map.entry("goal", "Doel"),
                    Map.entry("canInfluence", "Hier heeft u invloed op"),
                    Map.entry("cannotInfluence", "Hier heeft u geen invloed op"),
                    Map.entry("outcomeUse", "Wat wij met de uitkomst doen"),
                    Map.entry("required", "(verplicht)"),
                    Map.entry("onlyIf", "Alleen beantwoorden als {condition}."),
                    Map.entry("requiredIf", "Verplicht als {condition}."),
                    Map.entry("one", "Kruis één vakje aan."),
                    Map.entry("some", "Kruis {min} tot {max} vakjes aan."),
                    Map.entry("atLeast", "Kruis minstens {min} vakjes aan."),
                    Map.entry("atMost", "Kruis hoogstens {max} vakjes aan."),
                    Map.entry("any", "Kruis aan wat voor u geldt."),
                    Map.entry("scale", "Kruis één vakje aan, van {min} tot {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Schrijf een getal."),
                    Map.entry("numberRange", "Schrijf een getal van {min} tot en met {max}."),
                    Map.entry("numberMin", "Schrijf een getal van minstens {min}."),
                    Map.entry("numberMax", "Schrijf een getal van hoogstens {max}."),
                    Map.entry("whole", "Een heel getal, zonder komma."),
                    Map.entry("text", "Schrijf uw antwoord op de lijnen (hoogstens {max} tekens)."),
                    Map.entry(
                            "ranking",
                            "Zet een 1 bij wat u het belangrijkst vindt, een 2 bij het volgende, enzovoort."),
                    Map.entry("rankAll", "Geef alle {count} een nummer."),
                    Map.entry("rankMin", "Geef er minstens {min} een nummer."),
                    Map.entry("pwe", "Kruis de opties aan die u kiest, en tel op wat ze samen kosten."),
                    Map.entry("pweTarget", "Kruis de opties aan die u kiest, en tel op wat ze samen opleveren."),
                    Map.entry("total", "Samen:"),
                    Map.entry("motivation", "Waarom kiest u dit?"),
                    Map.entry("motivationRequired", "Waarom kiest u dit? (verplicht als u het kiest)"),
                    Map.entry("overall", "Toelichting op uw keuze"),
                    Map.entry("equals", "uw antwoord op vraag {n} {value} is"),
                    Map.entry("notEquals", "uw antwoord op vraag {n} niet {value} is"),
                    Map.entry("in", "uw antwoord op vraag {n} een van {value} is"),
                    Map.entry("contains", "u bij vraag {n} {value} koos"),
                    Map.entry("greaterThan", "uw antwoord op vraag {n} meer dan {value} is"),
                    Map.entry("greaterOrEqual", "uw antwoord op vraag {n} {value} of meer is"),
                    Map.entry("lessThan", "uw antwoord op vraag {n} minder dan {value} is"),
                    Map.entry("lessOrEqual", "uw antwoord op vraag {n} {value} of minder is"),
                    Map.entry("answered", "u vraag {n} beantwoordde"),
                    Map.entry("notAnswered", "u vraag {n} niet beantwoordde"),
                    Map.entry("and", " en "),
                    Map.entry("or", " of "),
                    Map.entry("not", "niet ({condition})")),
            "en",
            Map.ofEntries(
                    Map.entry("code", "Code"),
                    Map.entry("codeHint", "Write the code from your letter here:"),
                    Map.entry("page", "Page {page} of {pages}"),
                    Map.entry("returnBy", "Please return this form before {date}."),
                    Map.entry(
                            "codeExplained",
                            "We enter your answers with the code at the top of each page. Your name is not on this form."),
                    Map.entry("goal", "Goal"),
                    Map.entry("canInfluence", "What you can influence"),
                    Map.entry("cannotInfluence", "What you cannot influence"),
                    Map.entry("outcomeUse", "What we do with the outcome"),
                    Map.entry("required", "(required)"),
                    Map.entry("onlyIf", "Answer only if {condition}."),
                    Map.entry("requiredIf", "Required if {condition}."),
                    Map.entry("one", "Tick one box."),
                    Map.entry("some", "Tick {min} to {max} boxes."),
                    Map.entry("atLeast", "Tick at least {min} boxes."),
                    Map.entry("atMost", "Tick at most {max} boxes."),
                    Map.entry("any", "Tick all that apply."),
                    Map.entry("scale", "Tick one box, from {min} to {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Write a number."),
                    Map.entry("numberRange", "Write a number from {min} to {max}."),
                    Map.entry("numberMin", "Write a number of at least {min}."),
                    Map.entry("numberMax", "Write a number of at most {max}."),
                    Map.entry("whole", "A whole number, without decimals."),
                    Map.entry("text", "Write your answer on the lines (at most {max} characters)."),
                    Map.entry("ranking", "Write 1 by what matters most to you, 2 by the next, and so on."),
                    Map.entry("rankAll", "Number all {count}."),
                    Map.entry("rankMin", "Number at least {min}."),
                    Map.entry("pwe", "Tick the options you choose, and add up what they cost together."),
                    Map.entry("pweTarget", "Tick the options you choose, and add up what they achieve together."),
                    Map.entry("total", "Together:"),
                    Map.entry("motivation", "Why do you choose this?"),
                    Map.entry("motivationRequired", "Why do you choose this? (required if you choose it)"),
                    Map.entry("overall", "Explain your choice"),
                    Map.entry("equals", "your answer to question {n} is {value}"),
                    Map.entry("notEquals", "your answer to question {n} is not {value}"),
                    Map.entry("in", "your answer to question {n} is one of {value}"),
                    Map.entry("contains", "you chose {value} at question {n}"),
                    Map.entry("greaterThan", "your answer to question {n} is more than {value}"),
                    Map.entry("greaterOrEqual", "your answer to question {n} is {value} or more"),
                    Map.entry("lessThan", "your answer to question {n} is less than {value}"),
                    Map.entry("lessOrEqual", "your answer to question {n} is {value} or less"),
                    Map.entry("answered", "you answered question {n}"),
                    Map.entry("notAnswered", "you did not answer question {n}"),
                    Map.entry("and", " and "),
                    Map.entry("or", " or "),
                    Map.entry("not", "not ({condition})")));

    private PaperWords() {}

    static String phrase(String language, String key) {
        return PHRASES.getOrDefault(language, PHRASES.get("en")).get(key);
    }

    /** A condition on earlier questions in words, naming them by their number on the form. */
    static String condition(Condition c, Questionnaire q, String language, String def) {
        if (c.all() != null) {
            return join(c.all(), "and", q, language, def);
        }
        if (c.any() != null) {
            return join(c.any(), "or", q, language, def);
        }
        if (c.not() != null) {
            return phrase(language, "not").replace("{condition}", condition(c.not(), q, language, def));
        }
        List<Question> questions = q.questionsOrEmpty();
        int n = 0;
        Question asked = null;
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id() != null && questions.get(i).id().equals(c.question())) {
                n = i + 1;
                asked = questions.get(i);
            }
        }
        String template = phrase(language, c.op() == null ? "answered" : c.op());
        if (template == null) { // a definition the rules accepted has a known operator; never print a blank
            template = phrase(language, "answered");
        }
        return template.replace("{n}", String.valueOf(n)).replace("{value}", value(c.value(), asked, language, def));
    }

    private static String join(List<Condition> parts, String word, Questionnaire q, String language, String def) {
        return parts.stream()
                .map(p -> condition(p, q, language, def))
                .collect(Collectors.joining(phrase(language, word)));
    }

    /** A compared value as the form shows it: an option by its text in quotes, a number as the language writes it. */
    private static String value(Object value, Question asked, String language, String def) {
        if (value instanceof List<?> list) {
            return list.stream().map(v -> value(v, asked, language, def)).collect(Collectors.joining(", "));
        }
        if (value instanceof Number number) {
            return PweWords.number(number.doubleValue(), language);
        }
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (asked != null && asked.type() == QuestionType.PWE && asked.pwe() != null) {
            PweBlock b = asked.pwe();
            text = b.option(text).map(o -> Texts.pick(o.text(), language, def)).orElse(text);
        } else if (asked != null) {
            for (Option o : asked.optionsOrEmpty()) {
                if (text.equals(o.value())) {
                    text = Texts.pick(o.text(), language, def);
                }
            }
        }
        return "‘" + text + "’";
    }
}

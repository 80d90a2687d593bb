package nl.meedoen.consultation.pwe;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Texts;

/**
 * A PWE block's rules and options in words, for a form that cannot enforce them: stock SurveyJS's description and the
 * paper questionnaire. Dutch and English; another language gets the English words (as the example frontend does).
 * Plain Java.
 */
public final class PweWords {

    private static final Map<String, Map<String, String>> PHRASES = Map.of(
            "nl",
            Map.ofEntries(
                    Map.entry("budget", "Budget: {budget}. Kies opties die samen niet meer kosten."),
                    Map.entry("spendAll", "Gebruik het hele budget: kies door tot er geen optie meer bij past."),
                    Map.entry("target", "Doel: samen minstens {target}."),
                    Map.entry("resourceLimit", "{name}: samen hoogstens {max}."),
                    Map.entry("choose", "Kies {min} tot {max} opties."),
                    Map.entry("exclusive", "Hoogstens één van: {options}."),
                    Map.entry("together", "Alleen samen: {options}."),
                    Map.entry("requires", "{option} alleen als u ook {required} kiest."),
                    Map.entry("cost", "kost {cost}"),
                    Map.entry("pros", "Voordelen"),
                    Map.entry("cons", "Nadelen"),
                    Map.entry("effects", "Gevolgen")),
            "en",
            Map.ofEntries(
                    Map.entry("budget", "Budget: {budget}. Choose options that together cost no more."),
                    Map.entry("spendAll", "Use the whole budget: keep choosing until no further option fits."),
                    Map.entry("target", "Target: together at least {target}."),
                    Map.entry("resourceLimit", "{name}: at most {max} together."),
                    Map.entry("choose", "Choose {min} to {max} options."),
                    Map.entry("exclusive", "At most one of: {options}."),
                    Map.entry("together", "Only together: {options}."),
                    Map.entry("requires", "{option} only if you also choose {required}."),
                    Map.entry("cost", "costs {cost}"),
                    Map.entry("pros", "Pros"),
                    Map.entry("cons", "Cons"),
                    Map.entry("effects", "Effects")));

    private PweWords() {}

    /** The block's rules, a sentence each: the budget (or target), resource limits, option count, groups and dependencies. */
    public static List<String> rules(PweBlock b, String language, String def) {
        List<String> lines = new ArrayList<>();
        PweConstraint c = b.constraint();
        if (c.budgetType()) {
            lines.add(phrase(language, "budget").replace("{budget}", number(c.budget(), language)));
            if (!c.unspentAllowed()) {
                lines.add(phrase(language, "spendAll"));
            }
        } else {
            lines.add(phrase(language, "target")
                    .replace(
                            "{target}",
                            number(c.target(), language) + (c.quantity() == null ? "" : " " + c.quantity())));
        }
        if (b.resourceLimits() != null) {
            b.resourceLimits()
                    .forEach((name, max) -> lines.add(phrase(language, "resourceLimit")
                            .replace("{name}", name)
                            .replace("{max}", number(max, language))));
        }
        if (b.minOptions() != null || b.maxOptions() != null) {
            lines.add(phrase(language, "choose")
                    .replace("{min}", String.valueOf(b.minOptions() == null ? 0 : b.minOptions()))
                    .replace(
                            "{max}",
                            String.valueOf(
                                    b.maxOptions() == null ? b.optionsOrEmpty().size() : b.maxOptions())));
        }
        if (b.exclusiveGroups() != null) {
            b.exclusiveGroups()
                    .forEach(g ->
                            lines.add(phrase(language, "exclusive").replace("{options}", names(b, g, language, def))));
        }
        if (b.requiredTogether() != null) {
            b.requiredTogether()
                    .forEach(g ->
                            lines.add(phrase(language, "together").replace("{options}", names(b, g, language, def))));
        }
        if (b.requires() != null) {
            for (PweRequirement r : b.requires()) {
                lines.add(phrase(language, "requires")
                        .replace("{option}", names(b, List.of(r.option()), language, def))
                        .replace("{required}", names(b, List.of(r.requires()), language, def)));
            }
        }
        return lines;
    }

    /** What a reader should know of an option besides its name and cost: description, pros, cons, effects, resources. */
    public static List<String> details(PweOption o, String language, String def) {
        List<String> details = new ArrayList<>();
        String description = Texts.pick(o.description(), language, def);
        if (description != null) {
            details.add(description);
        }
        details.addAll(list(o.pros(), "pros", language, def));
        details.addAll(list(o.cons(), "cons", language, def));
        details.addAll(list(o.effects(), "effects", language, def));
        if (o.resources() != null) {
            o.resources().forEach((name, amount) -> details.add(name + ": " + number(amount, language) + "."));
        }
        return details;
    }

    /** What an option costs, or for a TARGET of a named quantity what it adds towards it. */
    public static String amount(PweBlock b, PweOption o, String language) {
        PweConstraint c = b.constraint();
        if (!c.budgetType() && c.quantity() != null) {
            return number(o.quantity(c.quantity()), language) + " " + c.quantity();
        }
        return phrase(language, "cost").replace("{cost}", number(o.cost(), language));
    }

    /** A number as the phrases' language writes it (100.000 in Dutch, 100,000 in English). */
    public static String number(Double value, String language) {
        NumberFormat format =
                NumberFormat.getNumberInstance(Locale.forLanguageTag(PHRASES.containsKey(language) ? language : "en"));
        format.setMaximumFractionDigits(2);
        return format.format(value == null ? 0 : value);
    }

    private static List<String> list(List<Map<String, String>> texts, String key, String language, String def) {
        if (texts == null || texts.isEmpty()) {
            return List.of();
        }
        return List.of(phrase(language, key) + ": "
                + texts.stream().map(t -> Texts.pick(t, language, def)).collect(Collectors.joining("; ")) + ".");
    }

    private static String names(PweBlock b, List<String> ids, String language, String def) {
        return ids.stream()
                .map(id -> b.option(id)
                        .map(o -> Texts.pick(o.text(), language, def))
                        .orElse(id))
                .collect(Collectors.joining(", "));
    }

    private static String phrase(String language, String key) {
        return PHRASES.getOrDefault(language, PHRASES.get("en")).get(key);
    }
}

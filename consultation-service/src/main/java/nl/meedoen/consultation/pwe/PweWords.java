package nl.meedoen.consultation.pwe;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Phrases;
import nl.meedoen.consultation.Texts;

/**
 * A PWE block's rules and options in words, for a form that cannot enforce them: stock SurveyJS's description and the
 * paper questionnaire. In the five languages tenants read ({@link Phrases}: another language gets the English words, as
 * the example frontend does; Turkish, Arabic and Polish to be checked by a native speaker, as the letters are). Plain
 * Java.
 */
public final class PweWords {

    static final Phrases PHRASES = new Phrases(Map.of(
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
                    Map.entry("effects", "Effects")),
            "tr",
            Map.ofEntries(
                    Map.entry("budget", "Bütçe: {budget}. Toplamda bundan fazla tutmayan seçenekler seçin."),
                    Map.entry(
                            "spendAll",
                            "Bütçenin tamamını kullanın: başka seçenek sığmayana kadar seçmeye devam edin."),
                    Map.entry("target", "Hedef: toplamda en az {target}."),
                    Map.entry("resourceLimit", "{name}: toplamda en fazla {max}."),
                    Map.entry("choose", "{min} ile {max} arası seçenek seçin."),
                    Map.entry("exclusive", "Bunlardan en fazla biri: {options}."),
                    Map.entry("together", "Sadece birlikte: {options}."),
                    Map.entry("requires", "{option}: sadece {required} seçeneğini de seçerseniz."),
                    Map.entry("cost", "maliyeti {cost}"),
                    Map.entry("pros", "Artıları"),
                    Map.entry("cons", "Eksileri"),
                    Map.entry("effects", "Sonuçları")),
            "ar",
            Map.ofEntries(
                    Map.entry("budget", "الميزانية: {budget}. اختاروا خيارات لا تزيد تكلفتها معا عن ذلك."),
                    Map.entry("spendAll", "استخدموا الميزانية كلها: استمروا في الاختيار حتى لا يتسع أي خيار آخر."),
                    Map.entry("target", "الهدف: {target} على الأقل معا."),
                    Map.entry("resourceLimit", "{name}: {max} على الأكثر معا."),
                    Map.entry("choose", "اختاروا من {min} إلى {max} من الخيارات."),
                    Map.entry("exclusive", "واحد فقط على الأكثر من: {options}."),
                    Map.entry("together", "معا فقط: {options}."),
                    Map.entry("requires", "{option} فقط إذا اخترتم أيضا {required}."),
                    Map.entry("cost", "التكلفة {cost}"),
                    Map.entry("pros", "المزايا"),
                    Map.entry("cons", "العيوب"),
                    Map.entry("effects", "الآثار")),
            "pl",
            Map.ofEntries(
                    Map.entry("budget", "Budżet: {budget}. Proszę wybrać opcje, które razem nie kosztują więcej."),
                    Map.entry(
                            "spendAll",
                            "Proszę wykorzystać cały budżet: wybierać dalej, aż żadna opcja już się nie zmieści."),
                    Map.entry("target", "Cel: razem co najmniej {target}."),
                    Map.entry("resourceLimit", "{name}: razem najwyżej {max}."),
                    Map.entry("choose", "Proszę wybrać od {min} do {max} opcji."),
                    Map.entry("exclusive", "Najwyżej jedna z: {options}."),
                    Map.entry("together", "Tylko razem: {options}."),
                    Map.entry("requires", "{option} tylko wtedy, gdy wybiorą Państwo także {required}."),
                    Map.entry("cost", "koszt {cost}"),
                    Map.entry("pros", "Zalety"),
                    Map.entry("cons", "Wady"),
                    Map.entry("effects", "Skutki"))));

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

    /**
     * A number as the phrases' language writes it (100.000 in Dutch, 100,000 in English), in Western digits in every
     * language (Arabic's own default is Arabic-Indic): as the dates, the codes and the counts beside it are written.
     */
    public static String number(Double value, String language) {
        NumberFormat format = NumberFormat.getNumberInstance(new Locale.Builder()
                .setLanguage(PHRASES.has(language) ? language : "en")
                .setUnicodeLocaleKeyword("nu", "latn")
                .build());
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
        return PHRASES.get(language, key);
    }
}

package nl.meedoen.consultation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaField;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.meedoen.devinfra.HouseRules;
import org.junit.jupiter.api.Test;

/** Every phrase table of the module is in the five languages tenants read, each with every phrase of the Dutch. */
class PhrasesTest {

    static final Set<String> TENANT_LANGUAGES = Set.of("nl", "en", "tr", "ar", "pl");

    @Test
    void everyTableHasEveryDutchPhraseInEveryLanguageWithTheSamePlaceholders() throws ReflectiveOperationException {
        List<String> tables = new ArrayList<>();
        // found by type, so a table added later is checked too
        for (JavaField f : HouseRules.mainClasses("nl.meedoen.consultation").stream()
                .flatMap(c -> c.getFields().stream())
                .filter(f -> f.getRawType().isEquivalentTo(Phrases.class))
                .toList()) {
            Field field = f.reflect();
            field.setAccessible(true);
            Phrases phrases = (Phrases) field.get(null);
            String table = f.getOwner().getSimpleName();
            tables.add(table);
            assertEquals(TENANT_LANGUAGES, phrases.byLanguage().keySet(), table);
            assertEquals(List.of(), phrases.gaps(), table);
        }
        assertEquals(Set.of("PaperWords", "PweWords", "StockSurveyJs"), Set.copyOf(tables));
    }

    @Test
    void aMissingPhraseOrPlaceholderIsAGapAndAnotherLanguageGetsTheEnglish() {
        Map<String, Map<String, String>> table = new HashMap<>();
        table.put("nl", Map.of("page", "Blad {page} van {pages}", "total", "Samen:"));
        table.put("en", Map.of("page", "Page {page} of {pages}", "total", "Together:"));
        table.put("tr", Map.of("page", "Sayfa {page} / {pages}", "total", "Toplam:"));
        assertEquals(List.of(), new Phrases(table).gaps());

        table.put("tr", Map.of("page", "Sayfa {page}"));
        List<String> gaps = new Phrases(table).gaps();
        assertEquals(2, gaps.size(), gaps.toString());
        assertEquals(Set.of("tr lacks total", "tr page has [{page}], nl [{pages}, {page}]"), Set.copyOf(gaps));

        Phrases phrases = new Phrases(table);
        assertEquals("Together:", phrases.get("de", "total"));
        assertEquals("Sayfa {page}", phrases.get("tr", "page"));
    }
}

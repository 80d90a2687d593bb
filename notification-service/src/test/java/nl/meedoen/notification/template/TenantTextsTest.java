package nl.meedoen.notification.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TenantTextsTest {

    static Properties texts(String language) throws Exception {
        Properties p = new Properties();
        try (var in = TenantTexts.class.getResourceAsStream("/tenant-texts/" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyTemplateLanguageHasEveryTextAndTheAddressToType() throws Exception {
        Properties dutch = texts("nl");
        for (String language : DefaultTemplates.LANGUAGES) {
            Properties p = texts(language);
            assertEquals(dutch.stringPropertyNames(), p.stringPropertyNames(), language);
            assertTrue(p.getProperty("letter.go-to").contains("{url}"), language);
            assertTrue(
                    p.getProperty("letter.opt-out-code").contains("{url}")
                            && p.getProperty("letter.opt-out-code").contains("{code}"),
                    language);
            for (String scope : nl.meedoen.notification.optout.OptOutService.SCOPES) {
                assertTrue(!p.getProperty("scope." + scope).isBlank(), language + " " + scope);
            }
        }
    }

    @Test
    void aTenantsLanguageFallsBackToEnglishThenDutchAndNoLanguageIsDutch() {
        assertEquals("Wypisz mnie", TenantTexts.text("pl", "unsubscribe.button"));
        assertEquals("Unsubscribe", TenantTexts.text("de", "unsubscribe.button"));
        assertEquals("en", TenantTexts.shownIn("de"));
        assertEquals("Afmelden", TenantTexts.text(null, "unsubscribe.button"));
        assertEquals("nl", TenantTexts.shownIn(null));
        assertEquals("rtl", TenantTexts.direction("ar"));
        assertEquals("ltr", TenantTexts.direction("tr"));
    }
}

package nl.meedoen.printing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** Lines as they are drawn: broken where they fit. (What comes back out of a PDF is tested where PDFs are made.) */
class PrintFontTest {

    @Test
    void aLongLinkIsBrokenAtTheMarginNotRunOffThePaper() throws Exception {
        String link = "https://meedoen.example/raadpleging#" + "abcdefghijklmnopqrstuvwxyz0123456789".repeat(3);
        try (PDDocument document = new PDDocument()) {
            PrintFont font = PrintFont.embed(document, PrintFont.REGULAR);
            float width = 160 * 72f / 25.4f;
            List<String> lines = font.wrap("Doe mee: " + link, 11, width);
            assertEquals(List.of("Doe mee:"), lines.subList(0, 1));
            assertEquals(link, String.join("", lines.subList(1, lines.size())));
            for (String line : lines) {
                assertTrue(font.width(font.display(line), 11) <= width, line);
            }
        }
    }
}

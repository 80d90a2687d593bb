package nl.meedoen.printing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Lines as they are drawn: broken where they fit, ordered in their paragraph's direction. (What comes back out of a PDF
 * is tested where PDFs are made.)
 */
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

    @Test
    void anArabicLineInARightToLeftParagraphEndsOnTheLeftWithItsCodeStillLeftToRight() throws Exception {
        assertTrue(PrintFont.rightToLeft("ar") && PrintFont.rightToLeft("fa"));
        assertFalse(PrintFont.rightToLeft("nl") || PrintFont.rightToLeft("tr") || PrintFont.rightToLeft(null));
        try (PDDocument document = new PDDocument()) {
            PrintFont font = PrintFont.embed(document, PrintFont.REGULAR);
            String line = "الرمز K7QM-3XTR-9P.";
            String rightToLeft = font.display(line, true);
            assertTrue(rightToLeft.startsWith(".K7QM-3XTR-9P "), "the full stop at the left end: " + rightToLeft);
            assertTrue(
                    font.display(line).endsWith(" K7QM-3XTR-9P."),
                    "in the letters' left-to-right paragraph at the right end");
            assertEquals("Blad 1 van 2.", font.display("Blad 1 van 2.", true), "Latin alone is left as it is");
        }
    }
}

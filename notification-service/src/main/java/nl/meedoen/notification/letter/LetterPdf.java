package nl.meedoen.notification.letter;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders letters into one PDF, one A4 page per letter: the address block where a window envelope
 * (DL, window left) shows it, then date, subject and the text part of the template. Plain Java.
 */
public final class LetterPdf {

    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 25 * MM;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    /** One letter: who it goes to and what it says. */
    public record Letter(String name, String addressLine, String postcodeCity, String date, String subject, String body) {
    }

    private LetterPdf() {
    }

    /** Writes the letters; the document spills to a temp file rather than growing the heap. */
    public static void write(Iterable<Letter> letters, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            for (Letter letter : letters) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float top = PDRectangle.A4.getHeight();
                    float y = top - 50 * MM; // window: 45-90 mm from the top
                    y = lines(content, REGULAR, 11, List.of(letter.name(), letter.addressLine(), letter.postcodeCity()), y, 14);
                    y = top - 100 * MM;
                    y = lines(content, REGULAR, 10, List.of(letter.date()), y, 14);
                    y = lines(content, BOLD, 12, wrap(letter.subject(), BOLD, 12), y - 8, 16);
                    float bottom = 25 * MM;
                    List<String> body = new ArrayList<>();
                    for (String paragraph : letter.body().split("\n", -1)) {
                        body.addAll(paragraph.isBlank() ? List.of("") : wrap(paragraph, REGULAR, 11));
                    }
                    int fits = (int) ((y - 8 - bottom) / 15);
                    if (body.size() > fits) { // one page per letter: what does not fit is cut, visibly
                        body = new ArrayList<>(body.subList(0, Math.max(0, fits - 1)));
                        body.add("[...]");
                    }
                    lines(content, REGULAR, 11, body, y - 8, 15);
                }
            }
            document.save(out);
        }
    }

    private static float lines(PDPageContentStream content, PDType1Font font, float size, List<String> lines, float y, float leading)
            throws IOException {
        for (String line : lines) {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(LEFT, y);
            content.showText(printable(line, font));
            content.endText();
            y -= leading;
        }
        return y;
    }

    static List<String> wrap(String text, PDType1Font font, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(printable(candidate, font)) / 1000 * size > WIDTH && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The standard fonts cover WinAnsi (é, ë, ü ...); anything else loses its accent, or becomes '?'. */
    static String printable(String text, PDType1Font font) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replace('\t', ' ').toCharArray()) {
            String s = String.valueOf(c);
            if (encodable(s, font)) {
                out.append(c);
            } else {
                String base = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                out.append(!base.isEmpty() && encodable(base, font) ? base : "?");
            }
        }
        return out.toString();
    }

    private static boolean encodable(String s, PDType1Font font) {
        try {
            font.encode(s);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}

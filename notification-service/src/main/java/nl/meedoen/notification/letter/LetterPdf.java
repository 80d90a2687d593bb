package nl.meedoen.notification.letter;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.meedoen.notification.template.TenantTexts;
import nl.meedoen.printing.PrintFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Renders letters into one PDF, one A4 page per letter: the address block where a window envelope
 * (DL, window left) shows it, the personal link as a QR code with the short code beside it (top
 * right, behind the envelope), then date, subject and the text part of the template. Text is set
 * in DejaVu Sans, embedded once per document as a subset ({@link PrintFont}, module printing). Plain Java.
 */
public final class LetterPdf {

    static final float MM = 72f / 25.4f;
    private static final float LEFT = 25 * MM;
    private static final float RIGHT = PDRectangle.A4.getWidth() - 25 * MM;
    private static final float WIDTH = RIGHT - LEFT;
    /** The envelope window is 100 mm wide from 20 mm: an address line must end before 115 mm. */
    private static final float ADDRESS_WIDTH = 90 * MM;
    /** The QR code's modules without the quiet zone; phones read 25 mm and more at arm's length. */
    static final float QR_SIZE = 30 * MM;

    static final float QR_TOP = 45 * MM;

    /**
     * One letter: who it goes to and what it says; {@code link} (the personal link, drawn as a QR
     * code), {@code code} (the short code to type) and {@code codeUrl} (where to type it) may be null.
     */
    public record Letter(
            String name,
            String addressLine,
            String postcodeCity,
            String date,
            String subject,
            String body,
            String language,
            String link,
            String code,
            String codeUrl) {

        public Letter(String name, String addressLine, String postcodeCity, String date, String subject, String body) {
            this(name, addressLine, postcodeCity, date, subject, body, "nl", null, null, null);
        }
    }

    private LetterPdf() {}

    /** Writes the letters; the document spills to a temp file rather than growing the heap. */
    public static void write(Iterable<Letter> letters, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PrintFont regular = PrintFont.embed(document, PrintFont.REGULAR);
            PrintFont bold = PrintFont.embed(document, PrintFont.BOLD);
            for (Letter letter : letters) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float top = PDRectangle.A4.getHeight();
                    float y = top - 50 * MM; // window: 45-90 mm from the top
                    for (String line : List.of(letter.name(), letter.addressLine(), letter.postcodeCity())) {
                        String shown = regular.display(line);
                        // a long name is set smaller rather than running out of the window
                        float size =
                                Math.max(7, Math.min(11, 11 * ADDRESS_WIDTH / Math.max(1, regular.width(shown, 11))));
                        regular.show(content, size, LEFT, y, shown);
                        y -= 14;
                    }
                    if (letter.link() != null) {
                        reply(content, regular, bold, letter, top);
                    }
                    // the address sits where the envelope's window is; the letter itself reads from its language's side
                    boolean rightToLeft = PrintFont.rightToLeft(letter.language());
                    y = top - 100 * MM;
                    y = lines(content, regular, 10, List.of(letter.date()), y, 14, rightToLeft);
                    y = lines(content, bold, 12, bold.wrap(letter.subject(), 12, WIDTH), y - 8, 16, rightToLeft);
                    float bottom = 25 * MM;
                    List<String> body = new ArrayList<>();
                    for (String paragraph : letter.body().split("\n", -1)) {
                        body.addAll(paragraph.isBlank() ? List.of("") : regular.wrap(paragraph, 11, WIDTH));
                    }
                    int fits = (int) ((y - 8 - bottom) / 15);
                    if (body.size() > fits) { // one page per letter: what does not fit is cut, visibly
                        body = new ArrayList<>(body.subList(0, Math.max(0, fits - 1)));
                        body.add("[...]");
                    }
                    lines(content, regular, 11, body, y - 8, 15, rightToLeft);
                }
            }
            document.save(out);
        }
    }

    /**
     * Top right, level with the window but behind the envelope: the QR code of the personal link,
     * under it where to go instead and the short code to type there (right-aligned to the margin,
     * ending above the date line at 100 mm).
     */
    private static void reply(PDPageContentStream content, PrintFont regular, PrintFont bold, Letter letter, float top)
            throws IOException {
        BitMatrix matrix = matrix(letter.link());
        if (matrix == null) {
            return;
        }
        qr(content, matrix, RIGHT - QR_SIZE, top - QR_TOP, QR_SIZE);
        String l = letter.language();
        List<String> caption = new ArrayList<>();
        if (letter.code() != null && letter.codeUrl() != null) {
            caption.add(TenantTexts.text(l, "letter.scan-or"));
            caption.add(TenantTexts.text(l, "letter.go-to").replace("{url}", typable(letter.codeUrl())));
            caption.add(TenantTexts.text(l, "letter.type-code"));
        } else {
            caption.add(TenantTexts.text(l, "letter.scan"));
        }
        float y = top - QR_TOP - QR_SIZE
                - 6.5f * MM; // the caption's capitals stay 4 modules (the quiet zone) below the code
        boolean rightToLeft = PrintFont.rightToLeft(l);
        for (String line : caption) {
            String shown = regular.display(line, rightToLeft);
            float size = Math.max(6, Math.min(8, 8 * 60 * MM / Math.max(1, regular.width(shown, 8))));
            regular.show(content, size, RIGHT - regular.width(shown, size), y, shown);
            y -= 10;
        }
        if (letter.code() != null && letter.codeUrl() != null) {
            String shown = bold.display(letter.code());
            bold.show(content, 12, RIGHT - bold.width(shown, 12), y - 4, shown);
        }
    }

    /** The address as a person types it: no "https://", no trailing slash. */
    static String typable(String url) {
        String u = url.startsWith("https://") ? url.substring("https://".length()) : url;
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The QR modules (no quiet zone: the page around it is blank), medium error correction; null when the link is too long. */
    static BitMatrix matrix(String link) {
        try {
            return new QRCodeWriter()
                    .encode(
                            link,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    0,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
        } catch (WriterException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Vector squares, one rectangle per run of dark modules in a row; each overlaps the next row a hair so no seam renders. */
    private static void qr(PDPageContentStream content, BitMatrix m, float x, float yTop, float size)
            throws IOException {
        float module = size / m.getWidth();
        for (int row = 0; row < m.getHeight(); row++) {
            int col = 0;
            while (col < m.getWidth()) {
                if (!m.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row)) {
                    col++;
                }
                float overlap = row + 1 < m.getHeight() ? 0.02f : 0;
                content.addRect(
                        x + start * module,
                        yTop - (row + 1) * module - overlap,
                        (col - start) * module,
                        module + overlap);
            }
        }
        content.setNonStrokingColor(0f);
        content.fill();
    }

    /** Lines from the left margin, or for a right-to-left letter ending at the right one. */
    private static float lines(
            PDPageContentStream content,
            PrintFont font,
            float size,
            List<String> lines,
            float y,
            float leading,
            boolean rightToLeft)
            throws IOException {
        for (String line : lines) {
            String shown = font.display(line, rightToLeft); // a full stop ends an Arabic sentence on its left
            font.show(content, size, rightToLeft ? RIGHT - font.width(shown, size) : LEFT, y, shown);
            y -= leading;
        }
        return y;
    }
}

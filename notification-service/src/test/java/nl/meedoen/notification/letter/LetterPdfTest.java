package nl.meedoen.notification.letter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Letters rendered and read back as a person and a phone would: text with PDFBox, the QR code with ZXing. */
class LetterPdfTest {

    static final String ARABIC = "محمد العلي";

    static LetterPdf.Letter letter(String name, String link, String code) {
        return new LetterPdf.Letter(
                name,
                "Kerkstraat 5",
                "3511 AB  UTRECHT",
                "5 december 2026",
                "Uw mening gevraagd: Speeltuin",
                "Beste " + name + ",\n\nWe vragen uw mening.\n\nDoe mee: " + link,
                "nl",
                link,
                code,
                "https://meedoen.example/c");
    }

    static byte[] pdf(List<LetterPdf.Letter> letters) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LetterPdf.write(letters, out);
        return out.toByteArray();
    }

    static String page(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    /**
     * The page rendered at 200 dpi, as a phone camera would see the paper, and the QR code decoded from it. Like a
     * person turning the phone, it tries the page a quarter turn at a time: ZXing's detector misses about 1 in 100
     * well-formed codes in one orientation (a clean bitmap with a quiet zone too) and reads every one of them turned.
     */
    static String qr(PDDocument document, int page) throws Exception {
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page - 1, 200, ImageType.RGB);
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        ReaderException missed = null;
        for (int turn = 0; turn < 4; turn++) {
            var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
            try {
                return new QRCodeReader()
                        .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                        .getText();
            } catch (ReaderException e) {
                missed = e;
            }
            int[] turned = new int[pixels.length]; // a quarter turn clockwise: width and height swap
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    turned[x * height + (height - 1 - y)] = pixels[y * width + x];
                }
            }
            pixels = turned;
            int w = width;
            width = height;
            height = w;
        }
        throw missed;
    }

    @Test
    void namesInEveryScriptComeBackAndTheQrCodeIsThePersonalLink() throws Exception {
        List<String> names =
                List.of("Łukasz Żółć", "Nguyễn Văn An", "İlkay Şahin", ARABIC, "Renée Öztürk", "Jiří Dvořák");
        List<LetterPdf.Letter> letters = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            letters.add(letter(
                    names.get(i),
                    "https://meedoen.example/raadpleging#tok" + i + "-abcdefghijklmnopqrstuvwxyz0123456789AB",
                    "K7QM-3XTR-9P"));
        }
        byte[] bytes = pdf(letters);
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertEquals(names.size(), document.getNumberOfPages());
            for (int i = 0; i < names.size(); i++) {
                String text = page(document, i + 1);
                assertFalse(text.contains("?"), "nothing became '?': " + text);
                if (names.get(i).equals(ARABIC)) {
                    // drawn as shaped presentation forms in visual order; PDFBox's stripper reads them back as the
                    // logical letters (it reorders RTL runs and folds presentation forms with NFKC)
                    assertTrue(text.contains(ARABIC + "\nKerkstraat 5"), "the Arabic name in the address: " + text);
                    assertTrue(text.contains("Beste " + ARABIC + ","), text);
                    assertTrue(
                            drawn(document, i + 1).contains("\uFEAA\uFEE4\uFEA4\uFEE3"),
                            "محمد drawn joined, right to left: final dal, medial meem, medial hah, initial meem");
                } else {
                    assertTrue(
                            text.contains(names.get(i) + "\nKerkstraat 5\n3511 AB  UTRECHT"),
                            "the name in the address: " + text);
                    assertTrue(text.contains("Beste " + names.get(i) + ","), text);
                }
                assertTrue(text.contains("of ga naar meedoen.example/c") && text.contains("K7QM-3XTR-9P"), text);
                assertEquals(letters.get(i).link(), qr(document, i + 1), "the QR code on page " + (i + 1));
            }
            for (var font : document.getPage(0).getResources().getFontNames()) {
                PDFont f = document.getPage(0).getResources().getFont(font);
                assertTrue(
                        f instanceof PDType0Font && f.isEmbedded(),
                        "an embedded Unicode font, not a standard one: " + f.getName());
            }
        }
    }

    /** The characters as drawn on the page, in content-stream order, without the stripper's reordering and folding. */
    static String drawn(PDDocument document, int page) throws IOException {
        StringBuilder raw = new StringBuilder();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(org.apache.pdfbox.text.TextPosition text) {
                raw.append(text.getUnicode());
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        return raw.toString();
    }

    @Test
    void decomposedInputFindsThePrecomposedGlyphs() throws Exception {
        String decomposed = Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD);
        assertTrue(decomposed.length() > "Nguyễn Văn An".length());
        try (PDDocument document =
                Loader.loadPDF(pdf(List.of(letter(decomposed, "https://meedoen.example/x", null))))) {
            String text = page(document, 1);
            assertTrue(text.contains("Nguyễn Văn An\nKerkstraat 5"), text);
            assertTrue(
                    text.contains("Scan de code met uw telefoon") && !text.contains("typ de code"),
                    "no code, no line about one: " + text);
        }
    }

    @Test
    void charactersTheFontLacksAreTransliteratedNeverQuestionMarks() throws Exception {
        // DejaVu Sans has no Chinese or Thai: ICU spells them in Latin; an unknown symbol becomes U+FFFD
        try (PDDocument document = Loader.loadPDF(pdf(List.of(
                letter("王小明", "https://meedoen.example/y", null),
                letter("สมชาย", "https://meedoen.example/z", null),
                letter("Anna \uD83E\uDD84", "https://meedoen.example/w", null))))) {
            String chinese = page(document, 1);
            assertTrue(chinese.contains("wáng xiǎo míng\nKerkstraat 5"), chinese);
            String thai = page(document, 2);
            assertTrue(
                    thai.contains("s\u0304mcha\u0304y\nKerkstraat 5".replace("a\u0304", "ā")),
                    thai); // ICU's Thai romanisation
            String unicorn = page(document, 3);
            assertTrue(unicorn.contains("Anna \uFFFD\nKerkstraat 5"), unicorn);
            for (String text : List.of(chinese, thai, unicorn)) {
                assertFalse(text.contains("?"), text);
            }
        }
    }

    @Test
    void theCaptionBesideTheCodeIsInTheLettersLanguage() throws Exception {
        LetterPdf.Letter dutch = letter("Anna Kowalska", "https://meedoen.example/x", "K7QM-3XTR-9P");
        var polish = new LetterPdf.Letter(
                dutch.name(),
                dutch.addressLine(),
                dutch.postcodeCity(),
                dutch.date(),
                dutch.subject(),
                dutch.body(),
                "pl",
                dutch.link(),
                dutch.code(),
                dutch.codeUrl());
        try (PDDocument document = Loader.loadPDF(pdf(List.of(polish)))) {
            String text = page(document, 1);
            assertTrue(
                    text.contains("Proszę zeskanować kod telefonem,\nlub wejść na meedoen.example/c\ni wpisać kod"),
                    text);
        }
    }

    @Test
    void anArabicLetterReadsFromTheRightMarginAndADutchOneFromTheLeft() throws Exception {
        LetterPdf.Letter dutch = letter("Anna de Vries", "https://meedoen.example/x", null);
        var arabic = new LetterPdf.Letter(
                ARABIC,
                dutch.addressLine(),
                dutch.postcodeCity(),
                "٦ ديسمبر 2026",
                "نود معرفة رأيكم",
                "عزيزي " + ARABIC + "،\n\nنود معرفة رأيكم في الحديقة.",
                "ar",
                dutch.link(),
                null,
                null);
        try (PDDocument document = Loader.loadPDF(pdf(List.of(dutch, arabic)))) {
            float left = 25 * LetterPdf.MM;
            float right = org.apache.pdfbox.pdmodel.common.PDRectangle.A4.getWidth() - 25 * LetterPdf.MM;
            for (float[] line : letterLines(document, 1)) {
                assertEquals(left, line[0], 0.5f, "a Dutch line starts at the left margin");
            }
            List<float[]> lines = letterLines(document, 2);
            assertTrue(lines.size() >= 4, "date, subject and body lines: " + lines.size());
            for (float[] line : lines) {
                assertEquals(right, line[1], 0.5f, "an Arabic line ends at the right margin");
                assertTrue(line[0] > left + 20, "and does not start at the left one: " + line[0]);
            }
            // read from the right, the body's sentence ends at its left end, with its full stop
            assertTrue(
                    leftmostGlyphs(document, 2).contains("."),
                    "the full stop on the left of its line: " + leftmostGlyphs(document, 2));
        }
    }

    /** The leftmost character of each line below the address window. */
    static List<String> leftmostGlyphs(PDDocument document, int page) throws IOException {
        java.util.Map<Integer, org.apache.pdfbox.text.TextPosition> first = new java.util.TreeMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(org.apache.pdfbox.text.TextPosition text) {
                if (text.getYDirAdj() > 100 * LetterPdf.MM && !text.getUnicode().isBlank()) {
                    first.merge(
                            Math.round(text.getYDirAdj()), text, (a, b) -> a.getXDirAdj() <= b.getXDirAdj() ? a : b);
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        return first.values().stream()
                .map(org.apache.pdfbox.text.TextPosition::getUnicode)
                .toList();
    }

    /** Each line below the address window (100 mm down: date, subject, body) as {leftmost x, rightmost x}. */
    static List<float[]> letterLines(PDDocument document, int page) throws IOException {
        java.util.Map<Integer, float[]> lines = new java.util.TreeMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(org.apache.pdfbox.text.TextPosition text) {
                if (text.getYDirAdj() > 100 * LetterPdf.MM && !text.getUnicode().isBlank()) {
                    float[] line =
                            lines.computeIfAbsent(Math.round(text.getYDirAdj()), y -> new float[] {Float.MAX_VALUE, 0});
                    line[0] = Math.min(line[0], text.getXDirAdj());
                    line[1] = Math.max(line[1], text.getXDirAdj() + text.getWidthDirAdj());
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        return List.copyOf(lines.values());
    }

    @Test
    void aLetterWithoutALinkHasNoQrCode() throws Exception {
        var plain = new LetterPdf.Letter(
                "Anna de Vries", "Dorpsstraat 12", "1234 AB  UTRECHT", "1 mei 2027", "Uw aanmelding", "Beste Anna,");
        try (PDDocument document = Loader.loadPDF(pdf(List.of(plain)))) {
            assertFalse(page(document, 1).contains("Scan"));
        }
    }

    @Test
    void aLetterFromEveryArabicDefaultTemplateRendersShapedWithoutQuestionMarks() throws Exception {
        var renderer = new nl.meedoen.notification.template.TemplateRenderer();
        List<LetterPdf.Letter> letters = new ArrayList<>();
        for (var kind : nl.meedoen.notification.template.DefaultTemplates.KINDS) {
            var t = nl.meedoen.notification.template.DefaultTemplates.request(kind, "ar");
            var rendered = renderer.render(
                    renderer.compile(t.subject(), t.html(), t.text()),
                    kind.sampleData(),
                    ARABIC,
                    kind.transactional() ? null : "https://meedoen.example/api/v1/unsubscribe/sample-token");
            letters.add(new LetterPdf.Letter(
                    ARABIC,
                    "Kerkstraat 5",
                    "3511 AB  UTRECHT",
                    "5 december 2026",
                    rendered.subject(),
                    rendered.text(),
                    "ar",
                    "https://meedoen.example/c#tok-" + kind.key(),
                    null,
                    null));
        }
        try (PDDocument document = Loader.loadPDF(pdf(letters))) {
            assertEquals(letters.size(), document.getNumberOfPages());
            for (int i = 0; i < letters.size(); i++) {
                String text = page(document, i + 1);
                assertFalse(text.contains("?") || text.contains("\uFFFD"), "nothing became '?': " + text);
                assertTrue(text.contains(ARABIC + "\nKerkstraat 5"), text);
                assertTrue(text.contains("عزيزي") || text.contains("عزيزتي"), "the Arabic salutation: " + text);
                assertTrue(
                        drawn(document, i + 1).codePoints().anyMatch(c -> c >= 0xFE70 && c <= 0xFEFF),
                        "Arabic drawn in its joined presentation forms on page " + (i + 1));
            }
        }
    }
}

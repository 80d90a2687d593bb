package nl.meedoen.printing;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.ULocale;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One Unicode font embedded in a PDF (notification's letters, consultation's paper questionnaires), and the way from
 * a logical string (as stored) to the glyph order that is drawn, measured and broken into lines. DejaVu Sans (regular and bold) comes from the Maven artifact
 * {@code net.sf.jasperreports:jasperreports-fonts}; it covers Latin with every European and
 * Turkish letter, Vietnamese (precomposed), Greek, Cyrillic and Arabic with its presentation forms.
 *
 * <p>A line is NFC-normalised (so decomposed Vietnamese finds the precomposed glyphs), characters
 * the font lacks are replaced (see {@link #printable}), Arabic is shaped to its presentation
 * forms with ICU (PDFBox does not shape) and the line is put in visual order with ICU's
 * bidirectional algorithm, in a left-to-right paragraph (the letters), or a right-to-left one
 * for a page that reads from the right (a paper questionnaire in Arabic: see {@link #rightToLeft}).
 */
public final class PrintFont {

    private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";
    public static final Face REGULAR = Face.load(DIR + "DejaVuSans.ttf");
    public static final Face BOLD = Face.load(DIR + "DejaVuSans-Bold.ttf");
    private static final int REPLACEMENT = 0xFFFD;

    /** A font file read once per JVM, and the code points its Unicode cmap maps to a glyph. */
    public record Face(String resource, byte[] bytes, BitSet covers) {

        static Face load(String resource) {
            try (InputStream in = PrintFont.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            resource + " is not on the class path (net.sf.jasperreports:jasperreports-fonts)");
                }
                byte[] bytes = in.readAllBytes();
                BitSet covers = new BitSet();
                try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                    CmapLookup cmap = ttf.getUnicodeCmapLookup();
                    for (int cp = 0; cp <= 0x1FFFF; cp++) {
                        if (cmap.getGlyphId(cp) > 0) {
                            covers.set(cp);
                        }
                    }
                }
                return new Face(resource, bytes, covers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public final PDType0Font font;
    private final BitSet covers;
    private Transliterator latin;

    private PrintFont(PDType0Font font, BitSet covers) {
        this.font = font;
        this.covers = covers;
    }

    /** Embeds the face in the document, as a subset: only the glyphs the letters use are written. */
    public static PrintFont embed(PDDocument document, Face face) throws IOException {
        return new PrintFont(PDType0Font.load(document, new ByteArrayInputStream(face.bytes()), true), face.covers());
    }

    public boolean covers(int codePoint) {
        return covers.get(codePoint);
    }

    /** Whether a language is written from the right (Arabic; by ICU's likely script, so Persian or Hebrew too). */
    public static boolean rightToLeft(String language) {
        return language != null && ULocale.forLanguageTag(language).isRightToLeft();
    }

    /** What is drawn for a logical line in a left-to-right paragraph: every character one the font has, in visual order. */
    public String display(String logical) {
        return display(logical, false);
    }

    /**
     * What is drawn for a logical line, in a right-to-left paragraph if asked: then the line's neutrals (a full stop, a
     * bracket) take the Arabic side, and a Latin or numeric run inside it (a code, an amount) still reads left to right.
     */
    public String display(String logical, boolean rightToLeft) {
        String text = printable(Normalizer.normalize(logical, Normalizer.Form.NFC));
        char[] chars = text.toCharArray();
        if (Bidi.requiresBidi(chars, 0, chars.length)) {
            try {
                text = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
                                | ArabicShaping.TEXT_DIRECTION_LOGICAL
                                | ArabicShaping.LENGTH_GROW_SHRINK)
                        .shape(text);
            } catch (ArabicShapingException e) {
                // unshaped Arabic is still legible letter by letter; the nominal forms are in the font
            }
            text = nominalWhereMissing(text);
            text = new Bidi(text, rightToLeft ? Bidi.RTL : Bidi.LTR)
                    .writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
        }
        return withoutInvisibles(text);
    }

    public float width(String display, float size) throws IOException {
        return font.getStringWidth(display) / 1000 * size;
    }

    /**
     * The fallback for characters the font lacks, never '?': a run of them is transliterated to
     * Latin with ICU (Any-Latin: Chinese, Thai, Devanagari, ... become a readable Latin spelling);
     * what is still missing loses its accents (NFD without marks), and only then prints U+FFFD.
     * Format characters (joiners, direction marks) pass: they steer shaping and ordering.
     */
    public String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder missing = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (covers(cp) || Character.getType(cp) == Character.FORMAT) {
                flush(missing, out);
                out.appendCodePoint(cp == '\t' ? ' ' : cp);
            } else if (Character.isISOControl(cp)) {
                flush(missing, out);
                out.append(' ');
            } else {
                missing.appendCodePoint(cp);
            }
        });
        flush(missing, out);
        return out.toString();
    }

    private void flush(StringBuilder missing, StringBuilder out) {
        if (missing.isEmpty()) {
            return;
        }
        if (latin == null) {
            latin = Transliterator.getInstance("Any-Latin");
        }
        String latinised = Normalizer.normalize(latin.transliterate(missing.toString()), Normalizer.Form.NFC);
        latinised.codePoints().forEach(cp -> {
            if (covers(cp)) {
                out.appendCodePoint(cp);
                return;
            }
            String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            if (!base.isEmpty() && base.codePoints().allMatch(this::covers)) {
                out.append(base);
            } else {
                out.appendCodePoint(REPLACEMENT);
            }
        });
        missing.setLength(0);
    }

    /** A presentation form the font lacks goes back to its nominal letter (NFKC), which it has. */
    private String nominalWhereMissing(String shaped) {
        StringBuilder out = new StringBuilder(shaped.length());
        shaped.codePoints().forEach(cp -> {
            if (covers(cp) || Character.getType(cp) == Character.FORMAT) {
                out.appendCodePoint(cp);
            } else {
                String nominal = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
                out.append(nominal.codePoints().allMatch(this::covers) ? nominal : String.valueOf((char) REPLACEMENT));
            }
        });
        return out.toString();
    }

    /** Format characters the font has no glyph for are not drawn (they have no width anyway). */
    private String withoutInvisibles(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(this::covers).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Draws a line already in display order (see {@link #display}) with its baseline at (x, y). */
    public void show(PDPageContentStream content, float size, float x, float y, String shown) throws IOException {
        if (shown.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(shown);
        content.endText();
    }

    /** Breaks logical text into lines that fit, measured as drawn (lines are ordered for display one by one, after breaking). */
    public List<String> wrap(String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            for (String piece : pieces(word, size, width)) {
                line = add(lines, line, piece, size, width);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private StringBuilder add(List<String> lines, StringBuilder line, String word, float size, float width)
            throws IOException {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(display(candidate), size) > width && !line.isEmpty()) {
            lines.add(line.toString());
            return new StringBuilder(word);
        }
        return new StringBuilder(candidate);
    }

    /** A word wider than the line (a long link) is broken where the margin comes, rather than run off the paper. */
    private List<String> pieces(String word, float size, float width) throws IOException {
        if (width(display(word), size) <= width) {
            return List.of(word);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int cp : word.codePoints().toArray()) {
            String next = piece + new String(Character.toChars(cp));
            if (!piece.isEmpty() && width(display(next), size) > width) {
                pieces.add(piece.toString());
                piece = new StringBuilder(new String(Character.toChars(cp)));
            } else {
                piece = new StringBuilder(next);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }
}

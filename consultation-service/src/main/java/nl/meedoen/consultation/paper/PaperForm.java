package nl.meedoen.consultation.paper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweOption;
import nl.meedoen.consultation.pwe.PweWords;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.Questionnaire;
import nl.meedoen.printing.PrintFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The questionnaire on paper, for tenants who are not online: A4 pages with the consultation's title, its closing
 * date and statement, then every question with boxes to tick, boxes to number or lines to write on, its conditions in
 * words, and a PWE block's rules, options and costs so it can be filled in with a pen. Every page carries the tenant's
 * short code (a blank form: a box to write it in), so staff enter the answers against her invitation
 * ({@code POST paper-responses}). One document holds any number of forms, each starting on a new page, in its own
 * language; the layout is made once per language and drawn per code. Text through {@link PrintFont} (module printing), so every script the letters print
 * prints here too. A form in a language written from the right (Arabic) is laid out as any other and drawn mirrored:
 * its lines end at the right margin, the boxes and lines to write on are on the right, where a reader starts, and the
 * header's title and code change sides. Plain Java.
 */
public final class PaperForm {

    static final float MM = 72f / 25.4f;
    private static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    private static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    private static final float LEFT = 20 * MM;
    private static final float RIGHT = PAGE_WIDTH - 20 * MM;
    private static final float BODY_TOP = PAGE_HEIGHT - 30 * MM;
    private static final float BODY_BOTTOM = 20 * MM;
    private static final float BOX = 4.5f * MM;
    private static final float INDENT = 6 * MM;
    private static final int MAX_SCALE_BOXES = 11;

    /** What a form says, in one language ({@code def} is the consultation's first, the fallback of every text). */
    public record Sheet(
            String title,
            String description,
            String closesOn,
            Map<String, Map<String, String>> statement,
            Questionnaire questionnaire,
            String language,
            String def) {}

    /** One form: what it says, and the invitation's short code (null: a blank form, with a box for the code). */
    public record Form(Sheet sheet, String code) {}

    /** Counts the forms written, for a job's progress; may throw to stop (a cancelled job). */
    public interface Progress {
        void formWritten(int done);
    }

    private PaperForm() {}

    /**
     * Writes the forms in the order given, each laid out once per sheet (forms in one language share it). The
     * document spills to a temp file rather than growing the heap.
     */
    public static void write(List<Form> forms, OutputStream out, Progress progress) throws IOException {
        try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            Pen pen = new Pen(PrintFont.embed(document, PrintFont.REGULAR), PrintFont.embed(document, PrintFont.BOLD));
            Map<Sheet, List<List<Row>>> layouts = new IdentityHashMap<>();
            int done = 0;
            for (Form form : forms) {
                List<List<Row>> pages = layouts.get(form.sheet());
                if (pages == null) {
                    pages = paginate(new Layout(pen, form.sheet()).blocks());
                    layouts.put(form.sheet(), pages);
                }
                String code = form.code();
                pen.sheet = form.sheet();
                pen.rightToLeft = PrintFont.rightToLeft(form.sheet().language());
                for (int p = 0; p < pages.size(); p++) {
                    PDPage page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                        pen.content = content;
                        pen.furniture(code, p + 1, pages.size());
                        float y = BODY_TOP;
                        for (Row row : pages.get(p)) {
                            row.draw(pen, y);
                            y -= row.height();
                        }
                    }
                }
                if (progress != null) {
                    progress.formWritten(++done);
                }
            }
            document.save(out);
        }
    }

    /** Blocks (the intro, each question) go on pages whole when they fit on one; a longer one breaks between rows. */
    private static List<List<Row>> paginate(List<List<Row>> blocks) {
        float usable = BODY_TOP - BODY_BOTTOM;
        List<List<Row>> pages = new ArrayList<>();
        List<Row> page = new ArrayList<>();
        float left = usable;
        for (List<Row> block : blocks) {
            float height = (float) block.stream().mapToDouble(Row::height).sum();
            if (height > left && height <= usable && !page.isEmpty()) {
                pages.add(page);
                page = new ArrayList<>();
                left = usable;
            }
            for (Row row : block) {
                if (row.height() > left && !page.isEmpty()) {
                    pages.add(page);
                    page = new ArrayList<>();
                    left = usable;
                }
                page.add(row);
                left -= row.height();
            }
        }
        pages.add(page);
        return pages;
    }

    // ---------------------------------------------------------------- what goes on the form

    /** Turns the sheet into blocks of rows: measured once, drawn for every code. */
    private static final class Layout {

        private final Pen pen;
        private final Sheet sheet;
        private final String l;
        private final String def;

        Layout(Pen pen, Sheet sheet) {
            this.pen = pen;
            this.sheet = sheet;
            this.l = sheet.language();
            this.def = sheet.def();
        }

        List<List<Row>> blocks() throws IOException {
            List<List<Row>> blocks = new ArrayList<>();
            List<Row> intro = new ArrayList<>();
            text(intro, pen.bold, 16, 0, sheet.title());
            intro.add(gap(2 * MM));
            text(intro, pen.regular, 10, 0, sheet.description());
            if (sheet.closesOn() != null) {
                text(intro, pen.bold, 10, 0, words("returnBy").replace("{date}", sheet.closesOn()));
            }
            text(intro, pen.regular, 10, 0, words("codeExplained"));
            blocks.add(intro);
            if (sheet.statement() != null && !sheet.statement().isEmpty()) {
                List<Row> statement = new ArrayList<>();
                statement.add(gap(2 * MM));
                for (var part : sheet.statement().entrySet()) {
                    String said = Texts.pick(part.getValue(), l, def);
                    if (said != null) {
                        text(statement, pen.bold, 9, 0, words(part.getKey()));
                        text(statement, pen.regular, 9, 0, said);
                    }
                }
                blocks.add(statement);
            }
            List<Question> questions = sheet.questionnaire().questionsOrEmpty();
            for (int i = 0; i < questions.size(); i++) {
                blocks.add(question(i + 1, questions.get(i)));
            }
            return blocks;
        }

        private List<Row> question(int number, Question x) throws IOException {
            List<Row> rows = new ArrayList<>();
            rows.add(gap(5 * MM));
            String title =
                    number + ". " + Texts.pick(x.text(), l, def) + (x.alwaysRequired() ? " " + words("required") : "");
            text(rows, pen.bold, 11, 0, title);
            text(rows, pen.regular, 9, INDENT, Texts.pick(x.help(), l, def));
            if (x.visibleIf() != null) {
                text(rows, pen.regular, 9, INDENT, words("onlyIf").replace("{condition}", condition(x.visibleIf())));
            }
            if (x.requiredIf() != null) {
                text(
                        rows,
                        pen.regular,
                        9,
                        INDENT,
                        words("requiredIf").replace("{condition}", condition(x.requiredIf())));
            }
            // an expression, not a statement: a new question type does not compile until the form prints it
            return switch (x.type()) {
                case SINGLE_CHOICE -> {
                    text(rows, pen.regular, 9, INDENT, words("one"));
                    options(rows, x, BOX);
                    yield rows;
                }
                case MULTIPLE_CHOICE -> {
                    text(rows, pen.regular, 9, INDENT, howMany(x));
                    options(rows, x, BOX);
                    yield rows;
                }
                case SCALE -> {
                    scale(rows, x);
                    yield rows;
                }
                case NUMBER -> {
                    text(rows, pen.regular, 9, INDENT, numberRule(x.min(), x.max()));
                    if (Boolean.TRUE.equals(x.integer())) {
                        text(rows, pen.regular, 9, INDENT, words("whole"));
                    }
                    rows.add(writeLine(INDENT, 60 * MM));
                    yield rows;
                }
                case TEXT -> {
                    text(
                            rows,
                            pen.regular,
                            9,
                            INDENT,
                            words("text").replace("{max}", String.valueOf(x.textMaxLength())));
                    int lines = Math.max(2, Math.min(10, (x.textMaxLength() + 79) / 80));
                    for (int i = 0; i < lines; i++) {
                        rows.add(writeLine(INDENT, RIGHT - LEFT - INDENT));
                    }
                    yield rows;
                }
                case RANKING -> {
                    text(rows, pen.regular, 9, INDENT, words("ranking"));
                    int count = x.optionsOrEmpty().size();
                    text(
                            rows,
                            pen.regular,
                            9,
                            INDENT,
                            x.min() == null
                                    ? words("rankAll").replace("{count}", String.valueOf(count))
                                    : words("rankMin")
                                            .replace(
                                                    "{min}",
                                                    String.valueOf(x.min().intValue())));
                    options(rows, x, 7 * MM); // room for a digit or two
                    yield rows;
                }
                case PWE -> {
                    pwe(rows, x.pwe());
                    yield rows;
                }
            };
        }

        private String howMany(Question x) {
            Integer min = x.min() == null ? null : x.min().intValue();
            Integer max = x.max() == null ? null : x.max().intValue();
            if (min != null && max != null) {
                return min.equals(max) && min == 1
                        ? words("one")
                        : words("some").replace("{min}", min.toString()).replace("{max}", max.toString());
            }
            if (min != null) {
                return words("atLeast").replace("{min}", min.toString());
            }
            return max != null ? words("atMost").replace("{max}", max.toString()) : words("any");
        }

        private String numberRule(Double min, Double max) {
            if (min != null && max != null) {
                return words("numberRange").replace("{min}", number(min)).replace("{max}", number(max));
            }
            if (min != null) {
                return words("numberMin").replace("{min}", number(min));
            }
            return max != null ? words("numberMax").replace("{max}", number(max)) : words("writeNumber");
        }

        private void options(List<Row> rows, Question x, float box) throws IOException {
            for (Option o : x.optionsOrEmpty()) {
                boxed(rows, box, pen.regular, 10, Texts.pick(o.text(), l, def));
            }
        }

        /** A row of boxes with their points under them; a wide scale becomes a number to write. */
        private void scale(List<Row> rows, Question x) throws IOException {
            int min = x.scaleMin();
            int max = x.scaleMax();
            String minLabel = Texts.pick(x.minLabel(), l, def);
            String maxLabel = Texts.pick(x.maxLabel(), l, def);
            if (max - min + 1 > MAX_SCALE_BOXES) {
                text(rows, pen.regular, 9, INDENT, numberRule((double) min, (double) max));
                labels(rows, min, max, minLabel, maxLabel);
                rows.add(writeLine(INDENT, 40 * MM));
                return;
            }
            text(
                    rows,
                    pen.regular,
                    9,
                    INDENT,
                    words("scale").replace("{min}", String.valueOf(min)).replace("{max}", String.valueOf(max)));
            labels(rows, min, max, minLabel, maxLabel);
            rows.add(new Row(12 * MM) {
                @Override
                void draw(Pen p, float top) throws IOException {
                    float x0 = LEFT + INDENT;
                    for (int point = min; point <= max; point++) {
                        float x1 = x0 + (point - min) * 12 * MM;
                        p.box(x1, top - 1 * MM, BOX);
                        String shown = String.valueOf(point);
                        p.show(
                                p.regular,
                                9,
                                x1 + (BOX - p.width(p.regular, shown, 9)) / 2,
                                top - 1 * MM - BOX - 4 * MM,
                                shown);
                    }
                }
            });
        }

        private void labels(List<Row> rows, int min, int max, String minLabel, String maxLabel) throws IOException {
            if (minLabel != null || maxLabel != null) {
                text(
                        rows,
                        pen.regular,
                        9,
                        INDENT,
                        words("scaleLabels")
                                .replace("{min}", String.valueOf(min))
                                .replace("{max}", String.valueOf(max))
                                .replace("{minLabel}", minLabel == null ? "" : minLabel)
                                .replace("{maxLabel}", maxLabel == null ? "" : maxLabel));
            }
        }

        /** The rules in words, each option with a box, its cost and what it is, the motivations, and a line for the sum. */
        private void pwe(List<Row> rows, PweBlock b) throws IOException {
            for (String rule : PweWords.rules(b, l, def)) {
                text(rows, pen.regular, 9, INDENT, rule);
            }
            boolean budget = b.constraint() != null && b.constraint().budgetType();
            text(rows, pen.regular, 9, INDENT, words(budget ? "pwe" : "pweTarget"));
            String motivation = b.optionMotivationMode();
            for (PweOption o : b.optionsOrEmpty()) {
                rows.add(gap(1.5f * MM));
                boxed(rows, BOX, pen.bold, 10, Texts.pick(o.text(), l, def) + " (" + PweWords.amount(b, o, l) + ")");
                for (String detail : PweWords.details(o, l, def)) {
                    text(rows, pen.regular, 9, INDENT + BOX + 2 * MM, detail);
                }
                if (!"NONE".equals(motivation)) {
                    text(
                            rows,
                            pen.regular,
                            8,
                            INDENT + BOX + 2 * MM,
                            words("REQUIRED".equals(motivation) ? "motivationRequired" : "motivation"));
                    rows.add(writeLine(INDENT + BOX + 2 * MM, RIGHT - LEFT - INDENT - BOX - 2 * MM));
                }
            }
            rows.add(gap(2 * MM));
            String total = words("total");
            rows.add(new Row(9 * MM) {
                @Override
                void draw(Pen p, float top) throws IOException {
                    p.show(p.bold, 10, LEFT + INDENT, top - 7 * MM, total);
                    float x0 = LEFT + INDENT + p.width(p.bold, total, 10) + 2 * MM;
                    p.line(x0, top - 7.5f * MM, x0 + 40 * MM);
                }
            });
            if (!"NONE".equals(b.overallMotivationMode())) {
                text(
                        rows,
                        pen.regular,
                        9,
                        INDENT,
                        words("overall")
                                + ("REQUIRED".equals(b.overallMotivationMode()) ? " " + words("required") : ""));
                for (int i = 0; i < 3; i++) {
                    rows.add(writeLine(INDENT, RIGHT - LEFT - INDENT));
                }
            }
        }

        private String condition(nl.meedoen.consultation.questionnaire.Condition c) {
            return PaperWords.condition(c, sheet.questionnaire(), l, def);
        }

        private String words(String key) {
            return PaperWords.phrase(l, key);
        }

        private String number(double value) {
            return PweWords.number(value, l);
        }

        /** A paragraph (or several, at line breaks) wrapped to the width left of {@code indent}. */
        private void text(List<Row> rows, PrintFont font, float size, float indent, String text) throws IOException {
            if (text == null || text.isBlank()) {
                return;
            }
            for (String paragraph : text.split("\n")) {
                for (String line : font.wrap(paragraph, size, RIGHT - LEFT - indent)) {
                    rows.add(textRow(font, size, indent, line));
                }
            }
        }

        /** A box to tick (or to number) with its label beside it, the label wrapped beside the box. */
        private void boxed(List<Row> rows, float box, PrintFont font, float size, String label) throws IOException {
            float textIndent = INDENT + box + 2 * MM;
            List<String> lines = font.wrap(label == null ? "" : label, size, RIGHT - LEFT - textIndent);
            float height = Math.max(box + 2 * MM, size * 1.45f);
            String first = lines.get(0);
            rows.add(new Row(height) {
                @Override
                void draw(Pen p, float top) throws IOException {
                    p.box(LEFT + INDENT, top - 1 * MM, box);
                    p.show(font, size, LEFT + textIndent, top - 1 * MM - (box + size * 0.7f) / 2, first);
                }
            });
            for (String line : lines.subList(1, lines.size())) {
                rows.add(textRow(font, size, textIndent, line));
            }
        }
    }

    private static Row textRow(PrintFont font, float size, float indent, String line) {
        return new Row(size * 1.45f) {
            @Override
            void draw(Pen p, float top) throws IOException {
                p.show(font, size, LEFT + indent, top - size * 1.1f, line);
            }
        };
    }

    private static Row writeLine(float indent, float width) {
        return new Row(8 * MM) {
            @Override
            void draw(Pen p, float top) throws IOException {
                p.line(LEFT + indent, top - 7 * MM, LEFT + indent + width);
            }
        };
    }

    private static Row gap(float height) {
        return new Row(height) {
            @Override
            void draw(Pen p, float top) {}
        };
    }

    /** One row of a page: its height is known before it is drawn, so blocks can be kept on one page. */
    private abstract static class Row {
        private final float height;

        Row(float height) {
            this.height = height;
        }

        float height() {
            return height;
        }

        abstract void draw(Pen pen, float top) throws IOException;
    }

    // ---------------------------------------------------------------- drawing

    /**
     * The fonts and the page being drawn. Every x is given as read from the left margin; for a sheet written from the
     * right the pen draws its mirror image (margins are equal, so the text column stays where it is).
     */
    private static final class Pen {
        final PrintFont regular;
        final PrintFont bold;
        Sheet sheet;
        boolean rightToLeft;
        PDPageContentStream content;

        Pen(PrintFont regular, PrintFont bold) {
            this.regular = regular;
            this.bold = bold;
        }

        /** On every page: the title, the code (or a box to write it in) and the page number. */
        void furniture(String code, int page, int pages) throws IOException {
            String l = sheet.language();
            float top = PAGE_HEIGHT - 15 * MM;
            String title = sheet.title() == null ? "" : sheet.title();
            float titleSize = Math.max(6, Math.min(9, 9 * 90 * MM / Math.max(1, width(regular, title, 9))));
            show(regular, titleSize, LEFT, top, title);
            if (code != null) {
                String shown = PaperWords.phrase(l, "code") + " " + code;
                show(bold, 13, RIGHT - width(bold, shown, 13), top, shown);
            } else {
                float boxWidth = 42 * MM;
                box(RIGHT - boxWidth, top + 5 * MM, boxWidth, 8 * MM);
                String hint = PaperWords.phrase(l, "codeHint");
                show(regular, 8, RIGHT - boxWidth - 2 * MM - width(regular, hint, 8), top, hint);
            }
            line(LEFT, top - 4 * MM, RIGHT);
            String number = PaperWords.phrase(l, "page")
                            .replace("{page}", String.valueOf(page))
                            .replace("{pages}", String.valueOf(pages))
                    + (code == null ? "" : " · " + code);
            show(regular, 8, (PAGE_WIDTH - width(regular, number, 8)) / 2, 10 * MM, number);
        }

        /** Draws a logical line starting at x (for a right-to-left sheet: ending at x's mirror image). */
        void show(PrintFont font, float size, float x, float y, String logical) throws IOException {
            String shown = font.display(logical, rightToLeft);
            font.show(content, size, mirrored(x, font.width(shown, size)), y, shown);
        }

        float width(PrintFont font, String logical, float size) throws IOException {
            return font.width(font.display(logical, rightToLeft), size);
        }

        void box(float x, float top, float size) throws IOException {
            box(x, top, size, size);
        }

        void box(float x, float top, float width, float height) throws IOException {
            content.setLineWidth(0.8f);
            content.addRect(mirrored(x, width), top - height, width, height);
            content.stroke();
        }

        void line(float x0, float y, float x1) throws IOException {
            float x = mirrored(x0, x1 - x0);
            content.setLineWidth(0.5f);
            content.moveTo(x, y);
            content.lineTo(x + x1 - x0, y);
            content.stroke();
        }

        /** Where something width wide that starts at x from the left starts on the page. */
        private float mirrored(float x, float width) {
            return rightToLeft ? PAGE_WIDTH - x - width : x;
        }
    }
}

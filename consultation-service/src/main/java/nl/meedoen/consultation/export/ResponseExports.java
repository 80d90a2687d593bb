package nl.meedoen.consultation.export;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import nl.meedoen.commons.csv.CsvDialect;
import nl.meedoen.commons.csv.CsvWriter;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweAnswer;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweOption;
import nl.meedoen.consultation.questionnaire.AnswerRules;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * The response exports, written a row at a time: responses as CSV (one column per question, or
 * per option for multiple choice, ranking and PWE), PWE in the portchoice layout (one row per
 * respondent with choice indicators, costs and budget) and in Pabulib's {@code .pb} format.
 */
public final class ResponseExports {

    /** Pabulib's fixed layout: ';' between values, no byte-order mark, whatever the dialect of the CSV exports. */
    public static final CsvDialect PABULIB = new CsvDialect("pabulib", ';', false, false);

    private ResponseExports() {}

    /** CSV header; {@code withDate} false for ANONYMOUS consultations (not even the day is given out). */
    public static List<String> csvHeader(Questionnaire q, boolean withDate) {
        List<String> h = new ArrayList<>();
        h.add("response");
        if (withDate) {
            h.add("submitted_on");
        }
        for (Question x : q.questionsOrEmpty()) {
            Runnable columns = switch (x.type()) {
                case MULTIPLE_CHOICE, RANKING -> () -> x.optionsOrEmpty().forEach(o -> h.add(x.id() + "." + o.value()));
                case PWE ->
                    () -> {
                        x.pwe().optionsOrEmpty().forEach(o -> h.add(x.id() + "." + o.id()));
                        h.add(x.id() + ".measure");
                        x.pwe().optionsOrEmpty().forEach(o -> h.add(x.id() + ".motivation." + o.id()));
                        h.add(x.id() + ".overallMotivation");
                    };
                case SINGLE_CHOICE, SCALE, NUMBER, TEXT -> () -> h.add(x.id());
            };
            columns.run();
        }
        return h;
    }

    public static List<Object> csvRow(Questionnaire q, ResponseRow r, boolean withDate) {
        List<Object> row = new ArrayList<>();
        row.add(r.id());
        if (withDate) {
            row.add(r.submittedOn());
        }
        for (Question x : q.questionsOrEmpty()) {
            Object a = r.answers().get(x.id());
            Runnable cells = switch (x.type()) {
                case MULTIPLE_CHOICE ->
                    () -> {
                        List<?> chosen = a instanceof List<?> l ? l : null;
                        for (Option o : x.optionsOrEmpty()) {
                            row.add(chosen == null ? null : chosen.contains(o.value()) ? 1 : 0);
                        }
                    };
                case RANKING ->
                    () -> {
                        List<?> ranked = a instanceof List<?> l ? l : null;
                        for (Option o : x.optionsOrEmpty()) {
                            int rank = ranked == null ? -1 : ranked.indexOf(o.value());
                            row.add(rank < 0 ? null : rank + 1);
                        }
                    };
                case PWE ->
                    () -> {
                        PweAnswer p = a == null ? null : AnswerRules.pweAnswer(a, x.id(), new ArrayList<>());
                        for (PweOption o : x.pwe().optionsOrEmpty()) {
                            row.add(p == null ? null : p.chosenOrEmpty().contains(o.id()) ? 1 : 0);
                        }
                        row.add(p == null ? null : x.pwe().measure(p.chosenOrEmpty()));
                        for (PweOption o : x.pwe().optionsOrEmpty()) {
                            row.add(p == null ? null : p.motivationsOrEmpty().get(o.id()));
                        }
                        row.add(p == null ? null : p.overallMotivation());
                    };
                case SINGLE_CHOICE, SCALE, NUMBER, TEXT ->
                    () -> row.add(a instanceof Number n ? (Object) n.doubleValue() : a);
            };
            cells.run();
        }
        return row;
    }

    /** Portchoice: respondent, one 0/1 column per option, the option costs, the budget (or target) and what the portfolio spends (or reaches). */
    public static List<String> portchoiceHeader(Question pwe) {
        PweBlock b = pwe.pwe();
        List<String> h = new ArrayList<>();
        h.add("respondent");
        b.optionsOrEmpty().forEach(o -> h.add(o.id()));
        b.optionsOrEmpty().forEach(o -> h.add("cost_" + o.id()));
        if (b.constraint().budgetType()) {
            h.add("budget");
            h.add("spent");
        } else {
            h.add("target");
            h.add("reached");
        }
        return h;
    }

    public static List<Object> portchoiceRow(Question pwe, ResponseRow r) {
        PweBlock b = pwe.pwe();
        PweAnswer p = r.answers().get(pwe.id()) == null
                ? null
                : AnswerRules.pweAnswer(r.answers().get(pwe.id()), pwe.id(), new ArrayList<>());
        List<String> chosen = p == null ? List.of() : p.chosenOrEmpty();
        List<Object> row = new ArrayList<>();
        row.add(r.id());
        b.optionsOrEmpty().forEach(o -> row.add(chosen.contains(o.id()) ? 1 : 0));
        b.optionsOrEmpty().forEach(o -> row.add(o.cost()));
        row.add(
                b.constraint().budgetType()
                        ? b.constraint().budget()
                        : b.constraint().target());
        row.add(b.measure(chosen));
        return row;
    }

    /**
     * Pabulib {@code .pb}: META (what the format requires), PROJECTS (id, cost, name), VOTES (approval
     * ballots). Projects are numbered 1..n in questionnaire order; no voter attributes are exported.
     */
    public static void pabulibHead(
            CsvWriter out,
            String title,
            String instance,
            Question pwe,
            String lang,
            long votes,
            LocalDate begin,
            LocalDate end) {
        PweBlock b = pwe.pwe();
        List<PweOption> options = b.optionsOrEmpty();
        DateTimeFormatter date = DateTimeFormatter.ofPattern("dd.MM.yyyy");
        out.row("META");
        out.row(List.of("key", "value"));
        out.row(List.of("description", title));
        out.row(List.of("country", "Netherlands"));
        out.row(List.of("unit", title));
        out.row(List.of("instance", instance));
        out.row(List.of("num_projects", options.size()));
        out.row(List.of("num_votes", votes));
        out.row(List.of(
                "budget",
                b.constraint().budgetType()
                        ? b.constraint().budget()
                        : b.constraint().target()));
        out.row(List.of("vote_type", "approval"));
        out.row(List.of("rule", "unknown"));
        out.row(List.of("min_length", b.minOptions() == null ? 0 : b.minOptions()));
        out.row(List.of("max_length", b.maxOptions() == null ? options.size() : b.maxOptions()));
        if (begin != null) {
            out.row(List.of("date_begin", begin.format(date)));
        }
        if (end != null) {
            out.row(List.of("date_end", end.format(date)));
        }
        out.row(List.of(
                "comment",
                "Participatory Value Evaluation exported by Meedoen; the consultation applied no selection rule"));
        out.row("PROJECTS");
        out.row(List.of("project_id", "cost", "name"));
        for (int i = 0; i < options.size(); i++) {
            out.row(List.of(
                    i + 1, options.get(i).cost(), Texts.pick(options.get(i).text(), lang, lang)));
        }
        out.row("VOTES");
        out.row(List.of("voter_id", "vote"));
    }

    /** One ballot: the numbers of the chosen projects. */
    public static void pabulibVote(CsvWriter out, long voter, Question pwe, ResponseRow r) {
        List<PweOption> options = pwe.pwe().optionsOrEmpty();
        Object answer = r.answers().get(pwe.id());
        PweAnswer p = answer == null ? null : AnswerRules.pweAnswer(answer, pwe.id(), new ArrayList<>());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (p != null && p.chosenOrEmpty().contains(options.get(i).id())) {
                ids.add(Integer.toString(i + 1));
            }
        }
        out.row(List.of(voter, String.join(",", ids)));
    }

    /** The questionnaire's PWE block, if any. */
    public static Question pweQuestion(Questionnaire q) {
        return q.questionsOrEmpty().stream()
                .filter(x -> x.pwe() != null)
                .findFirst()
                .orElse(null);
    }
}

package nl.meedoen.consultation.paper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.meedoen.consultation.Phrases;
import nl.meedoen.consultation.Texts;
import nl.meedoen.consultation.pwe.PweBlock;
import nl.meedoen.consultation.pwe.PweWords;
import nl.meedoen.consultation.questionnaire.Condition;
import nl.meedoen.consultation.questionnaire.Option;
import nl.meedoen.consultation.questionnaire.Question;
import nl.meedoen.consultation.questionnaire.QuestionType;
import nl.meedoen.consultation.questionnaire.Questionnaire;

/**
 * What the paper questionnaire says besides the consultation's own texts: how to fill in each question type, when a
 * question applies (its conditions in words, as a form cannot hide a question), and the page furniture. In the five
 * languages tenants read ({@link Phrases}: another language gets the English words, as the stock SurveyJS form does;
 * Turkish, Arabic and Polish to be checked by a native speaker, as the letters are). Plain Java.
 */
final class PaperWords {

    static final Phrases PHRASES = new Phrases(Map.of(
            "nl",
            Map.ofEntries(
                    Map.entry("code", "Code"),
                    Map.entry("codeHint", "Schrijf hier de code van uw brief:"),
                    Map.entry("page", "Blad {page} van {pages}"),
                    Map.entry("returnBy", "Stuur dit formulier vóór {date} terug, of geef het af."),
                    Map.entry(
                            "codeExplained",
                            "Met de code bovenaan elke bladzijde verwerken wij uw antwoorden. Uw naam staat niet op dit formulier."),
                    Map.entry("goal", "Doel"),
                    Map.entry("canInfluence", "Hier heeft u invloed op"),
                    Map.entry("cannotInfluence", "Hier heeft u geen invloed op"),
                    Map.entry("outcomeUse", "Wat wij met de uitkomst doen"),
                    Map.entry("required", "(verplicht)"),
                    Map.entry("onlyIf", "Alleen beantwoorden als {condition}."),
                    Map.entry("requiredIf", "Verplicht als {condition}."),
                    Map.entry("one", "Kruis één vakje aan."),
                    Map.entry("some", "Kruis {min} tot {max} vakjes aan."),
                    Map.entry("atLeast", "Kruis minstens {min} vakjes aan."),
                    Map.entry("atMost", "Kruis hoogstens {max} vakjes aan."),
                    Map.entry("any", "Kruis aan wat voor u geldt."),
                    Map.entry("scale", "Kruis één vakje aan, van {min} tot {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Schrijf een getal."),
                    Map.entry("numberRange", "Schrijf een getal van {min} tot en met {max}."),
                    Map.entry("numberMin", "Schrijf een getal van minstens {min}."),
                    Map.entry("numberMax", "Schrijf een getal van hoogstens {max}."),
                    Map.entry("whole", "Een heel getal, zonder komma."),
                    Map.entry("text", "Schrijf uw antwoord op de lijnen (hoogstens {max} tekens)."),
                    Map.entry(
                            "ranking",
                            "Zet een 1 bij wat u het belangrijkst vindt, een 2 bij het volgende, enzovoort."),
                    Map.entry("rankAll", "Geef alle {count} een nummer."),
                    Map.entry("rankMin", "Geef er minstens {min} een nummer."),
                    Map.entry("pwe", "Kruis de opties aan die u kiest, en tel op wat ze samen kosten."),
                    Map.entry("pweTarget", "Kruis de opties aan die u kiest, en tel op wat ze samen opleveren."),
                    Map.entry("total", "Samen:"),
                    Map.entry("motivation", "Waarom kiest u dit?"),
                    Map.entry("motivationRequired", "Waarom kiest u dit? (verplicht als u het kiest)"),
                    Map.entry("overall", "Toelichting op uw keuze"),
                    Map.entry("equals", "uw antwoord op vraag {n} {value} is"),
                    Map.entry("notEquals", "uw antwoord op vraag {n} niet {value} is"),
                    Map.entry("in", "uw antwoord op vraag {n} een van {value} is"),
                    Map.entry("contains", "u bij vraag {n} {value} koos"),
                    Map.entry("greaterThan", "uw antwoord op vraag {n} meer dan {value} is"),
                    Map.entry("greaterOrEqual", "uw antwoord op vraag {n} {value} of meer is"),
                    Map.entry("lessThan", "uw antwoord op vraag {n} minder dan {value} is"),
                    Map.entry("lessOrEqual", "uw antwoord op vraag {n} {value} of minder is"),
                    Map.entry("answered", "u vraag {n} beantwoordde"),
                    Map.entry("notAnswered", "u vraag {n} niet beantwoordde"),
                    Map.entry("and", " en "),
                    Map.entry("or", " of "),
                    Map.entry("not", "niet ({condition})")),
            "en",
            Map.ofEntries(
                    Map.entry("code", "Code"),
                    Map.entry("codeHint", "Write the code from your letter here:"),
                    Map.entry("page", "Page {page} of {pages}"),
                    Map.entry("returnBy", "Please return this form before {date}."),
                    Map.entry(
                            "codeExplained",
                            "We enter your answers with the code at the top of each page. Your name is not on this form."),
                    Map.entry("goal", "Goal"),
                    Map.entry("canInfluence", "What you can influence"),
                    Map.entry("cannotInfluence", "What you cannot influence"),
                    Map.entry("outcomeUse", "What we do with the outcome"),
                    Map.entry("required", "(required)"),
                    Map.entry("onlyIf", "Answer only if {condition}."),
                    Map.entry("requiredIf", "Required if {condition}."),
                    Map.entry("one", "Tick one box."),
                    Map.entry("some", "Tick {min} to {max} boxes."),
                    Map.entry("atLeast", "Tick at least {min} boxes."),
                    Map.entry("atMost", "Tick at most {max} boxes."),
                    Map.entry("any", "Tick all that apply."),
                    Map.entry("scale", "Tick one box, from {min} to {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Write a number."),
                    Map.entry("numberRange", "Write a number from {min} to {max}."),
                    Map.entry("numberMin", "Write a number of at least {min}."),
                    Map.entry("numberMax", "Write a number of at most {max}."),
                    Map.entry("whole", "A whole number, without decimals."),
                    Map.entry("text", "Write your answer on the lines (at most {max} characters)."),
                    Map.entry("ranking", "Write 1 by what matters most to you, 2 by the next, and so on."),
                    Map.entry("rankAll", "Number all {count}."),
                    Map.entry("rankMin", "Number at least {min}."),
                    Map.entry("pwe", "Tick the options you choose, and add up what they cost together."),
                    Map.entry("pweTarget", "Tick the options you choose, and add up what they achieve together."),
                    Map.entry("total", "Together:"),
                    Map.entry("motivation", "Why do you choose this?"),
                    Map.entry("motivationRequired", "Why do you choose this? (required if you choose it)"),
                    Map.entry("overall", "Explain your choice"),
                    Map.entry("equals", "your answer to question {n} is {value}"),
                    Map.entry("notEquals", "your answer to question {n} is not {value}"),
                    Map.entry("in", "your answer to question {n} is one of {value}"),
                    Map.entry("contains", "you chose {value} at question {n}"),
                    Map.entry("greaterThan", "your answer to question {n} is more than {value}"),
                    Map.entry("greaterOrEqual", "your answer to question {n} is {value} or more"),
                    Map.entry("lessThan", "your answer to question {n} is less than {value}"),
                    Map.entry("lessOrEqual", "your answer to question {n} is {value} or less"),
                    Map.entry("answered", "you answered question {n}"),
                    Map.entry("notAnswered", "you did not answer question {n}"),
                    Map.entry("and", " and "),
                    Map.entry("or", " or "),
                    Map.entry("not", "not ({condition})")),
            "tr",
            Map.ofEntries(
                    Map.entry("code", "Kod"),
                    Map.entry("codeHint", "Mektubunuzdaki kodu buraya yazın:"),
                    Map.entry("page", "Sayfa {page} / {pages}"),
                    Map.entry("returnBy", "Bu formu {date} tarihinden önce geri gönderin veya teslim edin."),
                    Map.entry(
                            "codeExplained",
                            "Cevaplarınızı her sayfanın üstündeki kod ile işliyoruz. Adınız bu formda yazmıyor."),
                    Map.entry("goal", "Amaç"),
                    Map.entry("canInfluence", "Etkileyebileceğiniz konular"),
                    Map.entry("cannotInfluence", "Etkileyemeyeceğiniz konular"),
                    Map.entry("outcomeUse", "Sonuçla ne yapacağız"),
                    Map.entry("required", "(zorunlu)"),
                    Map.entry("onlyIf", "Sadece şu durumda cevaplayın: {condition}."),
                    Map.entry("requiredIf", "Şu durumda zorunlu: {condition}."),
                    Map.entry("one", "Bir kutuyu işaretleyin."),
                    Map.entry("some", "{min} ile {max} arası kutu işaretleyin."),
                    Map.entry("atLeast", "En az {min} kutu işaretleyin."),
                    Map.entry("atMost", "En fazla {max} kutu işaretleyin."),
                    Map.entry("any", "Sizin için geçerli olanları işaretleyin."),
                    Map.entry("scale", "{min} ile {max} arasında bir kutuyu işaretleyin."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Bir sayı yazın."),
                    Map.entry("numberRange", "{min} ile {max} arasında bir sayı yazın."),
                    Map.entry("numberMin", "En az {min} olan bir sayı yazın."),
                    Map.entry("numberMax", "En fazla {max} olan bir sayı yazın."),
                    Map.entry("whole", "Tam sayı, virgülsüz."),
                    Map.entry("text", "Cevabınızı çizgilerin üzerine yazın (en fazla {max} karakter)."),
                    Map.entry(
                            "ranking",
                            "Sizin için en önemli olanın yanına 1, sonrakinin yanına 2 yazın; böyle devam edin."),
                    Map.entry("rankAll", "{count} seçeneğin hepsine numara verin."),
                    Map.entry("rankMin", "En az {min} seçeneğe numara verin."),
                    Map.entry("pwe", "Seçtiğiniz seçenekleri işaretleyin ve toplam maliyetlerini hesaplayın."),
                    Map.entry(
                            "pweTarget",
                            "Seçtiğiniz seçenekleri işaretleyin ve toplamda ne sağladıklarını hesaplayın."),
                    Map.entry("total", "Toplam:"),
                    Map.entry("motivation", "Bunu neden seçiyorsunuz?"),
                    Map.entry("motivationRequired", "Bunu neden seçiyorsunuz? (seçerseniz zorunlu)"),
                    Map.entry("overall", "Seçiminizi açıklayın"),
                    Map.entry("equals", "{n}. soruya cevabınız {value}"),
                    Map.entry("notEquals", "{n}. soruya cevabınız {value} değil"),
                    Map.entry("in", "{n}. soruya cevabınız şunlardan biri: {value}"),
                    Map.entry("contains", "{n}. soruda {value} seçeneğini seçtiniz"),
                    Map.entry("greaterThan", "{n}. soruya cevabınız {value} sayısından büyük"),
                    Map.entry("greaterOrEqual", "{n}. soruya cevabınız {value} veya daha fazla"),
                    Map.entry("lessThan", "{n}. soruya cevabınız {value} sayısından küçük"),
                    Map.entry("lessOrEqual", "{n}. soruya cevabınız {value} veya daha az"),
                    Map.entry("answered", "{n}. soruyu cevapladınız"),
                    Map.entry("notAnswered", "{n}. soruyu cevaplamadınız"),
                    Map.entry("and", " ve "),
                    Map.entry("or", " veya "),
                    Map.entry("not", "({condition}) doğru değil")),
            "ar",
            Map.ofEntries(
                    Map.entry("code", "الرمز"),
                    Map.entry("codeHint", "اكتبوا هنا الرمز الموجود في رسالتكم:"),
                    Map.entry("page", "صفحة {page} من {pages}"),
                    Map.entry("returnBy", "أرسلوا هذه الاستمارة قبل {date} أو سلموها باليد."),
                    Map.entry(
                            "codeExplained",
                            "نعالج إجاباتكم بواسطة الرمز في أعلى كل صفحة. اسمكم غير موجود على هذه الاستمارة."),
                    Map.entry("goal", "الهدف"),
                    Map.entry("canInfluence", "ما يمكنكم التأثير فيه"),
                    Map.entry("cannotInfluence", "ما لا يمكنكم التأثير فيه"),
                    Map.entry("outcomeUse", "ماذا نفعل بالنتيجة"),
                    Map.entry("required", "(إلزامي)"),
                    Map.entry("onlyIf", "أجيبوا فقط إذا {condition}."),
                    Map.entry("requiredIf", "إلزامي إذا {condition}."),
                    Map.entry("one", "ضعوا علامة في مربع واحد."),
                    Map.entry("some", "ضعوا علامة في {min} إلى {max} من المربعات."),
                    Map.entry("atLeast", "ضعوا علامة في {min} من المربعات على الأقل."),
                    Map.entry("atMost", "ضعوا علامة في {max} من المربعات على الأكثر."),
                    Map.entry("any", "ضعوا علامة على كل ما ينطبق عليكم."),
                    Map.entry("scale", "ضعوا علامة في مربع واحد، من {min} إلى {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}، {max} = {maxLabel}."),
                    Map.entry("writeNumber", "اكتبوا عددا."),
                    Map.entry("numberRange", "اكتبوا عددا من {min} إلى {max}."),
                    Map.entry("numberMin", "اكتبوا عددا لا يقل عن {min}."),
                    Map.entry("numberMax", "اكتبوا عددا لا يزيد عن {max}."),
                    Map.entry("whole", "عدد صحيح، بدون كسور."),
                    Map.entry("text", "اكتبوا إجابتكم على الأسطر (بحد أقصى {max} حرفا)."),
                    Map.entry("ranking", "اكتبوا 1 بجانب الأهم بالنسبة لكم، و2 بجانب التالي، وهكذا."),
                    Map.entry("rankAll", "ضعوا رقما لجميع الخيارات ({count})."),
                    Map.entry("rankMin", "ضعوا رقما لـ {min} من الخيارات على الأقل."),
                    Map.entry("pwe", "ضعوا علامة على الخيارات التي تختارونها، واجمعوا تكلفتها معا."),
                    Map.entry("pweTarget", "ضعوا علامة على الخيارات التي تختارونها، واجمعوا ما تحققه معا."),
                    Map.entry("total", "المجموع:"),
                    Map.entry("motivation", "لماذا تختارون هذا؟"),
                    Map.entry("motivationRequired", "لماذا تختارون هذا؟ (إلزامي إذا اخترتموه)"),
                    Map.entry("overall", "اشرحوا اختياركم"),
                    Map.entry("equals", "كانت إجابتكم عن السؤال {n} هي {value}"),
                    Map.entry("notEquals", "لم تكن إجابتكم عن السؤال {n} هي {value}"),
                    Map.entry("in", "كانت إجابتكم عن السؤال {n} واحدة من {value}"),
                    Map.entry("contains", "اخترتم {value} في السؤال {n}"),
                    Map.entry("greaterThan", "كانت إجابتكم عن السؤال {n} أكثر من {value}"),
                    Map.entry("greaterOrEqual", "كانت إجابتكم عن السؤال {n} {value} أو أكثر"),
                    Map.entry("lessThan", "كانت إجابتكم عن السؤال {n} أقل من {value}"),
                    Map.entry("lessOrEqual", "كانت إجابتكم عن السؤال {n} {value} أو أقل"),
                    Map.entry("answered", "أجبتم عن السؤال {n}"),
                    Map.entry("notAnswered", "لم تجيبوا عن السؤال {n}"),
                    Map.entry("and", " و"),
                    Map.entry("or", " أو "),
                    Map.entry("not", "لم يكن هذا صحيحا: ({condition})")),
            "pl",
            Map.ofEntries(
                    Map.entry("code", "Kod"),
                    Map.entry("codeHint", "Proszę wpisać tutaj kod z listu:"),
                    Map.entry("page", "Strona {page} z {pages}"),
                    Map.entry("returnBy", "Prosimy odesłać lub oddać ten formularz przed {date}."),
                    Map.entry(
                            "codeExplained",
                            "Państwa odpowiedzi przetwarzamy za pomocą kodu u góry każdej strony. Na tym formularzu nie ma Państwa nazwiska."),
                    Map.entry("goal", "Cel"),
                    Map.entry("canInfluence", "Na co mają Państwo wpływ"),
                    Map.entry("cannotInfluence", "Na co nie mają Państwo wpływu"),
                    Map.entry("outcomeUse", "Co zrobimy z wynikiem"),
                    Map.entry("required", "(obowiązkowe)"),
                    Map.entry("onlyIf", "Proszę odpowiedzieć tylko, jeśli {condition}."),
                    Map.entry("requiredIf", "Obowiązkowe, jeśli {condition}."),
                    Map.entry("one", "Proszę zaznaczyć jedno pole."),
                    Map.entry("some", "Proszę zaznaczyć od {min} do {max} pól."),
                    Map.entry("atLeast", "Proszę zaznaczyć pola: co najmniej {min}."),
                    Map.entry("atMost", "Proszę zaznaczyć pola: najwyżej {max}."),
                    Map.entry("any", "Proszę zaznaczyć wszystko, co Państwa dotyczy."),
                    Map.entry("scale", "Proszę zaznaczyć jedno pole, od {min} do {max}."),
                    Map.entry("scaleLabels", "{min} = {minLabel}, {max} = {maxLabel}."),
                    Map.entry("writeNumber", "Proszę wpisać liczbę."),
                    Map.entry("numberRange", "Proszę wpisać liczbę od {min} do {max}."),
                    Map.entry("numberMin", "Proszę wpisać liczbę nie mniejszą niż {min}."),
                    Map.entry("numberMax", "Proszę wpisać liczbę nie większą niż {max}."),
                    Map.entry("whole", "Liczba całkowita, bez przecinka."),
                    Map.entry("text", "Proszę wpisać odpowiedź na liniach (limit znaków: {max})."),
                    Map.entry(
                            "ranking",
                            "Proszę wpisać 1 przy tym, co jest dla Państwa najważniejsze, 2 przy następnym i tak dalej."),
                    Map.entry("rankAll", "Proszę ponumerować wszystkie ({count})."),
                    Map.entry("rankMin", "Proszę ponumerować co najmniej {min} z nich."),
                    Map.entry("pwe", "Proszę zaznaczyć wybrane opcje i zsumować, ile razem kosztują."),
                    Map.entry("pweTarget", "Proszę zaznaczyć wybrane opcje i zsumować, ile razem dają."),
                    Map.entry("total", "Razem:"),
                    Map.entry("motivation", "Dlaczego wybierają Państwo tę opcję?"),
                    Map.entry(
                            "motivationRequired",
                            "Dlaczego wybierają Państwo tę opcję? (obowiązkowe, jeśli ją Państwo wybiorą)"),
                    Map.entry("overall", "Uzasadnienie wyboru"),
                    Map.entry("equals", "Państwa odpowiedź na pytanie {n} to {value}"),
                    Map.entry("notEquals", "Państwa odpowiedź na pytanie {n} to nie {value}"),
                    Map.entry("in", "Państwa odpowiedź na pytanie {n} to jedno z: {value}"),
                    Map.entry("contains", "w pytaniu {n} wybrali Państwo {value}"),
                    Map.entry("greaterThan", "Państwa odpowiedź na pytanie {n} jest większa niż {value}"),
                    Map.entry("greaterOrEqual", "Państwa odpowiedź na pytanie {n} to {value} lub więcej"),
                    Map.entry("lessThan", "Państwa odpowiedź na pytanie {n} jest mniejsza niż {value}"),
                    Map.entry("lessOrEqual", "Państwa odpowiedź na pytanie {n} to {value} lub mniej"),
                    Map.entry("answered", "odpowiedzieli Państwo na pytanie {n}"),
                    Map.entry("notAnswered", "nie odpowiedzieli Państwo na pytanie {n}"),
                    Map.entry("and", " i "),
                    Map.entry("or", " lub "),
                    Map.entry("not", "nie jest prawdą, że ({condition})"))));

    private PaperWords() {}

    static String phrase(String language, String key) {
        return PHRASES.get(language, key);
    }

    /** A condition on earlier questions in words, naming them by their number on the form. */
    static String condition(Condition c, Questionnaire q, String language, String def) {
        if (c.all() != null) {
            return join(c.all(), "and", q, language, def);
        }
        if (c.any() != null) {
            return join(c.any(), "or", q, language, def);
        }
        if (c.not() != null) {
            return phrase(language, "not").replace("{condition}", condition(c.not(), q, language, def));
        }
        List<Question> questions = q.questionsOrEmpty();
        int n = 0;
        Question asked = null;
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id() != null && questions.get(i).id().equals(c.question())) {
                n = i + 1;
                asked = questions.get(i);
            }
        }
        String template = phrase(language, c.op() == null ? "answered" : c.op());
        if (template == null) { // a definition the rules accepted has a known operator; never print a blank
            template = phrase(language, "answered");
        }
        return template.replace("{n}", String.valueOf(n)).replace("{value}", value(c.value(), asked, language, def));
    }

    private static String join(List<Condition> parts, String word, Questionnaire q, String language, String def) {
        return parts.stream()
                .map(p -> condition(p, q, language, def))
                .collect(Collectors.joining(phrase(language, word)));
    }

    /** A compared value as the form shows it: an option by its text in quotes, a number as the language writes it. */
    private static String value(Object value, Question asked, String language, String def) {
        if (value instanceof List<?> list) {
            return list.stream().map(v -> value(v, asked, language, def)).collect(Collectors.joining(", "));
        }
        if (value instanceof Number number) {
            return PweWords.number(number.doubleValue(), language);
        }
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (asked != null && asked.type() == QuestionType.PWE && asked.pwe() != null) {
            PweBlock b = asked.pwe();
            text = b.option(text).map(o -> Texts.pick(o.text(), language, def)).orElse(text);
        } else if (asked != null) {
            for (Option o : asked.optionsOrEmpty()) {
                if (text.equals(o.value())) {
                    text = Texts.pick(o.text(), language, def);
                }
            }
        }
        return "‘" + text + "’";
    }
}

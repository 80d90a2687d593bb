package nl.meedoen.notification.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.notification.template.TemplateViews.Rendered;

/**
 * Compiles, checks and renders message templates with Qute. Plain Java (no CDI) so its rules can be
 * unit tested: a template may only use the standard variables ({@link #STANDARD}) and the data keys
 * its sample data declares; anything else is an unknown placeholder, refused when the template is
 * saved rather than when a message is sent.
 */
public final class TemplateRenderer {

    /** Variables every template may use, filled in per recipient at send time. */
    public static final String TENANT_NAME = "tenantName";

    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    public static final Set<String> STANDARD = Set.of(TENANT_NAME, UNSUBSCRIBE_URL);

    private static final Variant TEXT = new Variant(Locale.ROOT, "text/plain", "UTF-8");
    private static final Variant HTML = new Variant(Locale.ROOT, "text/html", "UTF-8");

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addResultMapper(new HtmlEscaper(List.of("text/html")))
            .strictRendering(true)
            .build();

    /** The three parts of a template, parsed once. */
    public record Compiled(Template subject, Template html, Template text) {}

    /**
     * Parses and checks the parts against the declared data keys.
     *
     * @return field errors (empty when the template is fine)
     */
    public List<Problem.FieldError> check(String subject, String html, String text, Map<String, Object> sampleData) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String key : sampleData.keySet()) {
            if (!key.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                errors.add(new Problem.FieldError(
                        "sampleData." + key, "placeholder names are letters, digits and underscores"));
            } else if (STANDARD.contains(key)) {
                errors.add(new Problem.FieldError(
                        "sampleData." + key, "is a standard variable filled in per recipient; do not declare it"));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        Set<String> allowed = new HashSet<>(STANDARD);
        allowed.addAll(sampleData.keySet());
        Map<String, Object> data = sample(sampleData, true);
        check("subject", subject, TEXT, allowed, data, errors);
        check("html", html, HTML, allowed, data, errors);
        check("text", text, TEXT, allowed, data, errors);
        return errors;
    }

    private void check(
            String field,
            String source,
            Variant variant,
            Set<String> allowed,
            Map<String, Object> data,
            List<Problem.FieldError> errors) {
        Template template;
        try {
            template = engine.parse(source, variant);
        } catch (TemplateException e) {
            errors.add(new Problem.FieldError(field, "not a valid Qute template: " + firstLine(e.getMessage())));
            return;
        }
        Set<String> aliases = aliases(template);
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            if (expression.hasNamespace()) {
                errors.add(new Problem.FieldError(
                        field,
                        "unknown placeholder {" + expression.toOriginalString() + "}: namespace '"
                                + expression.getNamespace() + "' is not available"));
                continue;
            }
            String root = expression.getParts().get(0).getName();
            if (!allowed.contains(root)
                    && !aliases.contains(root)
                    && aliases.stream().noneMatch(a -> root.startsWith(a + "_"))) {
                errors.add(new Problem.FieldError(
                        field,
                        "unknown placeholder '" + root + "' in {" + expression.toOriginalString()
                                + "}; declare it in sampleData or use one of " + new java.util.TreeSet<>(allowed)));
            }
        }
        if (errors.stream().anyMatch(e -> e.field().equals(field))) {
            return;
        }
        try {
            template.render(data);
        } catch (TemplateException e) {
            Object expr = e.getArguments() == null ? null : e.getArguments().get("expression");
            errors.add(new Problem.FieldError(
                    field,
                    expr != null
                            ? "unknown placeholder {" + expr + "}: it does not match the sample data"
                            : "cannot be rendered with the sample data: " + firstLine(e.getMessage())));
        } catch (RuntimeException e) {
            errors.add(new Problem.FieldError(
                    field, "cannot be rendered with the sample data: " + firstLine(String.valueOf(e.getMessage()))));
        }
    }

    /** Names bound by sections: {#for x in ...}, {#each} (it), {#let a=...}. */
    private static Set<String> aliases(Template template) {
        Set<String> aliases = new HashSet<>();
        for (TemplateNode node : template.findNodes(TemplateNode::isSection)) {
            var section = node.asSection();
            String name = section.getName();
            for (SectionBlock block : section.getBlocks()) {
                if (("for".equals(name) || "each".equals(name))) {
                    List<String> params = new ArrayList<>(block.parameters.values());
                    String first = params.isEmpty() ? null : params.get(0);
                    String second = params.size() < 2 ? null : params.get(1);
                    aliases.add("in".equals(second) && first != null ? first : "it");
                } else if ("let".equals(name) || "set".equals(name)) {
                    block.parameters.keySet().stream()
                            .filter(k -> !k.matches("\\d+"))
                            .forEach(aliases::add);
                    block.parameters.values().stream()
                            .filter(v -> v.contains("="))
                            .map(v -> v.substring(0, v.indexOf('=')).trim())
                            .forEach(aliases::add);
                }
            }
        }
        return aliases;
    }

    public Compiled compile(String subject, String html, String text) {
        return new Compiled(engine.parse(subject, TEXT), engine.parse(html, HTML), engine.parse(text, TEXT));
    }

    /**
     * @param data the message's data; the standard variables are added here
     */
    public Rendered render(Compiled template, Map<String, Object> data, String tenantName, String unsubscribeUrl) {
        Map<String, Object> all = new HashMap<>(data == null ? Map.of() : data);
        all.put(TENANT_NAME, tenantName == null ? "" : tenantName);
        all.put(UNSUBSCRIBE_URL, unsubscribeUrl == null ? "" : unsubscribeUrl);
        return new Rendered(
                template.subject().render(all).strip(),
                template.html().render(all),
                template.text().render(all));
    }

    /** The sample data plus sample standard variables (for checks and previews). */
    public static Map<String, Object> sample(Map<String, Object> sampleData, boolean withUnsubscribe) {
        Map<String, Object> data = new LinkedHashMap<>(sampleData);
        data.put(TENANT_NAME, "Anna de Vries");
        data.put(UNSUBSCRIBE_URL, withUnsubscribe ? "https://meedoen.example/api/v1/unsubscribe/sample-token" : "");
        return data;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

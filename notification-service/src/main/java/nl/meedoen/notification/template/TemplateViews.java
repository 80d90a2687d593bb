package nl.meedoen.notification.template;

/** A message as the renderer makes it, also what a template preview returns. */
public final class TemplateViews {

    private TemplateViews() {}

    /** A rendered message. */
    public record Rendered(String subject, String html, String text) {}
}

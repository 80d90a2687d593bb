package nl.meedoen.notification.delivery;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import nl.meedoen.commons.contracts.MessageKind;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.delivery.DeliveryRequests.PreferencesIn;
import nl.meedoen.notification.delivery.DeliveryViews.Preferences;
import nl.meedoen.notification.delivery.DeliveryViews.Unsubscribed;
import nl.meedoen.notification.optout.OptOutCodes;
import nl.meedoen.notification.optout.OptOutService;
import nl.meedoen.notification.optout.UnsubscribeTokens;
import nl.meedoen.notification.template.TenantTexts;
import nl.meedoen.notification.tenant.Tenant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The link in every non-transactional message. The tenant has no account: the signed token in the
 * path is the credential, hence {@code @PermitAll}. GET only shows a confirmation form (mail
 * scanners follow links); POST unsubscribes, which is also what a mail client's RFC 8058 one-click
 * POST ({@code List-Unsubscribe=One-Click}) does. A preferences page behind the link reads and sets the opt-outs per
 * purpose at {@code .../preferences}. A letter prints a short code instead of the link ({@link OptOutCodes}); every route
 * takes it in place of the token, with the same answers.
 */
@Path("/api/v1/unsubscribe/{token}")
@Tag(name = "Opt-outs")
@SecurityRequirements // no bearer token: the path token authorises
public class UnsubscribeResource {

    /** Where these routes take a letter's opt-out code instead of the link's token. */
    static final String CREDENTIAL = "Wherever these routes take the link's token they also take the opt-out code a "
            + "letter prints instead of the link (e.g. K7QM-3XTR-9P: case, spaces and dashes do not matter), typed on the "
            + "preferences page; the answers are the same. A wrong code is a 404 like a wrong token, under the gateway's "
            + "per-IP limit of token routes.";

    private static final String TOKEN = "The token of the opt-out link, or the opt-out code its letter prints";

    private static final String NOT_VALID = "Not a valid unsubscribe link or letter code";

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    OptOutCodes codes;

    @Inject
    OptOutService optOuts;

    @Inject
    jakarta.enterprise.event.Event<MessageRequested> messages;

    @GET
    @PermitAll // token-based: the signed link is the credential
    @Extension(name = "x-meedoen-public", value = "unsubscribe link token")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe page (changes nothing; shows the one-click form)", description = CREDENTIAL)
    @APIResponse(responseCode = "200", description = "A small HTML form")
    @APIResponse(responseCode = "404", description = NOT_VALID)
    @Transactional
    public String page(@Parameter(description = TOKEN) @PathParam("token") String token) {
        Delivery d = delivery(token);
        String l = d.language;
        return """
                <!DOCTYPE html><html lang="%s" dir="%s"><head><meta charset="utf-8"><title>%s</title></head><body>
                <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>%s: %s</p><button type="submit">%s</button></form>
                <form method="post" action="?scope=all"><input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">%s</button></form></body></html>
                """.formatted(
                        TenantTexts.shownIn(l),
                        TenantTexts.direction(l),
                        TenantTexts.text(l, "unsubscribe.title"),
                        TenantTexts.text(l, "unsubscribe.about"),
                        TenantTexts.text(l, "scope." + ownScope(d.purpose)),
                        TenantTexts.text(l, "unsubscribe.button"),
                        TenantTexts.text(l, "unsubscribe.all"));
    }

    @POST
    @PermitAll // token-based: the signed link is the credential
    @Extension(name = "x-meedoen-public", value = "unsubscribe link token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "One-click unsubscribe (RFC 8058)",
            description =
                    "Opts the tenant out of the message's purpose (or everything with scope=all) and queues an unsubscribe confirmation. Repeating it changes nothing. "
                            + CREDENTIAL)
    @APIResponse(responseCode = "200", description = "Unsubscribed")
    @APIResponse(responseCode = "404", description = NOT_VALID)
    @APIResponse(responseCode = "422", description = "Unknown scope")
    @Transactional
    public Unsubscribed unsubscribe(
            @Parameter(description = TOKEN) @PathParam("token") String token,
            @Parameter(description = "all: every purpose; default the message's own") @QueryParam("scope")
                    String scope) {
        Delivery d = delivery(token);
        String purpose = scope == null ? ownScope(d.purpose) : OptOutService.checkScope(scope);
        return new Unsubscribed(purpose, optOut(d, purpose));
    }

    @GET
    @Path("preferences")
    @PermitAll // token-based: the signed link is the credential
    @Extension(name = "x-meedoen-public", value = "unsubscribe link token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The tenant's opt-outs per purpose, for a preferences page behind the link (changes nothing)",
            description = CREDENTIAL)
    @APIResponse(responseCode = "200", description = "The opt-outs")
    @APIResponse(responseCode = "404", description = NOT_VALID)
    @Transactional
    public Preferences preferences(@Parameter(description = TOKEN) @PathParam("token") String token) {
        return preferencesOf(delivery(token));
    }

    @PUT
    @Path("preferences")
    @PermitAll // token-based: the signed link is the credential
    @Extension(name = "x-meedoen-public", value = "unsubscribe link token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the tenant's opt-outs per purpose through the link",
            description = "Opts out of every purpose listed (source LINK, each new one confirmed by a transactional "
                    + "message, as the one-click POST does) and in again to every other: the tenant's own choice, "
                    + "also when the corporation recorded the opt-out. Repeating it changes nothing. " + CREDENTIAL)
    @APIResponse(responseCode = "200", description = "The opt-outs now")
    @APIResponse(responseCode = "404", description = NOT_VALID)
    @APIResponse(responseCode = "422", description = "optedOut missing, or naming an unknown purpose")
    @Transactional
    public Preferences setPreferences(
            @Parameter(description = TOKEN) @PathParam("token") String token, PreferencesIn in) {
        Delivery d = delivery(token);
        if (in == null || in.optedOut() == null) {
            throw ProblemException.fieldRule("optedOut", "required: the purposes to opt out of, [] for none");
        }
        for (int i = 0; i < in.optedOut().size(); i++) {
            if (!OptOutService.SCOPES.contains(in.optedOut().get(i))) {
                throw ProblemException.fieldRule("optedOut[" + i + "]", "must be one of " + OptOutService.SCOPES);
            }
        }
        for (String scope : OptOutService.SCOPES) {
            if (in.optedOut().contains(scope)) {
                optOut(d, scope);
            } else {
                optOuts.optIn(d.tenantRef, scope);
            }
        }
        return preferencesOf(d);
    }

    private Preferences preferencesOf(Delivery d) {
        Set<String> optedOut = optOuts.scopes(d.tenantRef);
        return new Preferences(
                d.language,
                ownScope(d.purpose),
                OptOutService.SCOPES,
                OptOutService.SCOPES.stream().filter(optedOut::contains).toList());
    }

    /** Opts the link's tenant out of the scope; a change is confirmed by a transactional message. */
    private boolean optOut(Delivery d, String scope) {
        boolean changed = optOuts.optOut(d.tenantRef, scope, "LINK");
        Tenant tenant = Tenant.findById(d.tenantRef);
        if (changed && tenant != null) {
            messages.fire(new MessageRequested(new MessageRequestV1(
                            "unsubscribed-" + d.id + "-" + scope,
                            d.tenantRef,
                            MessageRequestV1.SERVICE,
                            MessageKind.SERVICE_UNSUBSCRIBE_CONFIRMATION.key(),
                            Map.of("scope", TenantTexts.text(tenant.language, "scope." + scope)),
                            null)
                    .from(d.source)));
        }
        return changed;
    }

    /** The scope a message's link opts out of: its purpose; for feedback everything, the only opt-out feedback heeds. */
    static String ownScope(String purpose) {
        return MessageRequestV1.FEEDBACK.equals(purpose) ? "all" : purpose;
    }

    private Delivery delivery(String token) {
        ProblemException invalid =
                new ProblemException(404, "not-found", "Not found", "this unsubscribe link is not valid", null);
        Delivery d;
        if (OptOutCodes.isCode(token)) { // a letter's opt-out code, typed on the preferences page
            d = Delivery.find("optOutCodeHash", codes.hash(token)).firstResult();
        } else if (token == null || tokens.verify(token).isEmpty()) {
            throw invalid;
        } else {
            d = Delivery.find("unsubscribeTokenHash", UnsubscribeTokens.hash(token))
                    .firstResult();
        }
        if (d == null || Tenant.findById(d.tenantRef) == null || !OptOutService.SCOPES.contains(ownScope(d.purpose))) {
            throw invalid;
        }
        return d;
    }
}

package nl.meedoen.panel.member;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's own side of a membership, for a panel frontend. The tenant has no account: the
 * personal link (a 256-bit token mailed with the invitation or a consent renewal) is the
 * credential, hence {@code @PermitAll} on every operation. An unknown link is a 404. Wherever the path takes the
 * token it also takes the short code the link's letter printed ({@link MemberTokens}), with the same answers.
 */
@Path("/api/v1/panels/membership/{token}")
@Tag(
        name = "Membership (tenant link)",
        description =
                "What a tenant does through their personal link: join with consent, consent again, interests, pause, resume, leave")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // no bearer token: the personal link authorises
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(
        responseCode = "404",
        description = "Not a valid panel link (a mistyped, unknown or expired token or short code)")
public class MembershipResource {

    /** Where the path takes the link's token, it also takes the letter's short code. */
    static final String CREDENTIAL =
            "The path's {token} is the personal link's token (after '#') or the short code its message carries "
                    + "(shortCode, e.g. K7QM-3XTR-9P: case, spaces and dashes do not matter), typed on the panel page by a "
                    + "tenant who cannot scan the letter's QR code; the answers and the expiry are the same. A wrong code is "
                    + "a 404 like a wrong token, under the gateway's per-IP limit of token routes.";

    @Inject
    MemberActions actions;

    @Inject
    Memberships memberships;

    @GET
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(
            description = CREDENTIAL,
            summary =
                    "The membership: panel, consent text to agree to, status, interests, themes to choose from, participation history")
    @APIResponse(responseCode = "200", description = "The membership")
    public MemberViews.Membership get(@PathParam("token") String token) {
        return actions.byLink(token, (panel, m) -> {});
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(
            description = CREDENTIAL,
            summary = "Join the panel, consenting to the current consent text (version, time and channel are recorded)")
    @APIResponse(responseCode = "200", description = "Joined")
    @APIResponse(responseCode = "409", description = "Already a member, or the membership has ended")
    @APIResponse(
            responseCode = "422",
            description = "No consent, consent to an old text version, or an interest that is not a theme of the panel")
    public MemberViews.Membership join(
            @PathParam("token") String token,
            @NotNull(message = "a join body with consent is required") @Valid MemberRequests.Join request) {
        return actions.byLink(token, (panel, m) -> memberships.join(panel, m, request));
    }

    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(
            description = CREDENTIAL,
            summary = "Consent to the panel's new consent text (a paused-for-consent member becomes active again)")
    @APIResponse(responseCode = "200", description = "Consent recorded (a repeat changes nothing)")
    @APIResponse(responseCode = "409", description = "Not a member (yet), or the membership has ended")
    @APIResponse(responseCode = "422", description = "No consent, or consent to an old text version")
    public MemberViews.Membership consent(
            @PathParam("token") String token,
            @NotNull(message = "a consent body is required") @Valid MemberRequests.Consent request) {
        return actions.byLink(token, (panel, m) -> memberships.renewConsent(panel, m, request));
    }

    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(description = CREDENTIAL, summary = "Choose topic interests (themes of the panel) and preferred moments")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "409", description = "Not a member")
    @APIResponse(responseCode = "422", description = "An interest that is not a theme of the panel")
    public MemberViews.Membership preferences(
            @PathParam("token") String token,
            @NotNull(message = "a preferences body is required") @Valid MemberRequests.Preferences request) {
        return actions.byLink(token, (panel, m) -> memberships.preferences(panel, m, request));
    }

    @POST
    @Path("pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(description = CREDENTIAL, summary = "Pause: not asked for waves until resumed (or until the given date)")
    @APIResponse(responseCode = "200", description = "Paused")
    @APIResponse(responseCode = "409", description = "Not an active member")
    @APIResponse(responseCode = "422", description = "until not between now and a year ahead")
    public MemberViews.Membership pause(@PathParam("token") String token, MemberRequests.Pause request) {
        return actions.byLink(
                token,
                (panel, m) -> memberships.pause(
                        panel, m, request == null ? null : request.until(), PanelMember.PauseReason.MEMBER));
    }

    @POST
    @Path("resume")
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(description = CREDENTIAL, summary = "Resume after a pause")
    @APIResponse(responseCode = "200", description = "Active again")
    @APIResponse(responseCode = "409", description = "Not paused, or paused until consent to the new text is given")
    public MemberViews.Membership resume(@PathParam("token") String token) {
        return actions.byLink(token, memberships::resume);
    }

    @POST
    @Path("leave")
    @PermitAll // token-based: the personal link is the credential
    @Extension(name = "x-meedoen-public", value = "panel membership link token")
    @Operation(
            description = CREDENTIAL,
            summary =
                    "Leave the panel (opt-out, at any time; also declines an invitation). Open wave invitations are cancelled")
    @APIResponse(responseCode = "200", description = "Left")
    @APIResponse(responseCode = "409", description = "Already left")
    public MemberViews.Membership leave(@PathParam("token") String token) {
        return actions.byLink(token, (panel, m) -> memberships.leave(panel, m, PanelMember.LeaveReason.MEMBER));
    }
}

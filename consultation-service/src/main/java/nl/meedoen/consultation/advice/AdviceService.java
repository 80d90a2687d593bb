package nl.meedoen.consultation.advice;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.json.StoredJson;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.ConsultationConfig;
import nl.meedoen.consultation.advice.AdviceRequests.AnswerRequest;
import nl.meedoen.consultation.advice.AdviceRequests.Document;
import nl.meedoen.consultation.advice.AdviceTrajectory.Answer;
import nl.meedoen.consultation.advice.AdviceTrajectory.Origin;
import nl.meedoen.consultation.advice.AdviceTrajectory.Status;
import nl.meedoen.consultation.advice.AdviceViews.Recommendation;
import nl.meedoen.consultation.lifecycle.Access;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import nl.meedoen.organisations.KnownOrganisation;

/**
 * Advice trajectories: REQUESTED → IN_PREPARATION → ADVICE_GIVEN → RESPONSE_GIVEN → CLOSED (an unsolicited one starts in
 * preparation). The tenant organisation prepares and gives the advice, the corporation answers every recommendation;
 * giving and answering publish their facts through the outbox in the same transaction. Roles follow {@link Access}:
 * the corporation and ops see every trajectory, a tenant organisation only its own (anything else is 404).
 */
@ApplicationScoped
public class AdviceService {

    static final int MAX_RECOMMENDATIONS = 50;
    static final int MAX_LINKS = 50;
    static final int MAX_DOCUMENTS = 20;
    static final int MAX_TEXT = 5000;

    @Inject
    EntityManager em;

    @Inject
    AdviceEvents events;

    @Inject
    ConsultationConfig config;

    @Transactional
    public AdviceTrajectory create(AdviceRequests.TrajectoryRequest r, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String organisation;
        if (caller.is(Roles.CORPORATION)) {
            organisation = r.organisation();
            if (organisation == null || organisation.isBlank() || organisation.length() > 200) {
                errors.add(new Problem.FieldError(
                        "organisation", "required: the tenant organisation asked for advice (at most 200 characters)"));
            } else if (!KnownOrganisation.isActive(organisation)) {
                errors.add(new Problem.FieldError(
                        "organisation",
                        "unknown tenant organisation " + organisation
                                + ": name an active organisation of the register (GET /api/v1/organisations)"));
            }
        } else {
            organisation = caller.actsFor();
            if (r.organisation() != null && !r.organisation().equals(organisation)) {
                errors.add(new Problem.FieldError("organisation", "a tenant organisation advises in its own name"));
            }
        }
        text(r.subject(), "subject", true, 300, errors);
        text(r.description(), "description", false, MAX_TEXT, errors);
        List<Document> documents = documents(r.documents(), errors);
        LocalDate deadline = deadline(r.deadline(), errors);
        List<UUID> consultationIds = consultations(r.consultationIds(), caller, errors);
        List<UUID> campaignIds = ids(r.campaignIds(), "campaignIds", errors);
        fieldRules(errors);

        AdviceTrajectory t = new AdviceTrajectory();
        t.id = UUID.randomUUID();
        boolean requested = caller.is(Roles.CORPORATION);
        t.origin = (requested ? Origin.REQUESTED : Origin.UNSOLICITED).name();
        t.status = (requested ? Status.REQUESTED : Status.IN_PREPARATION).name();
        t.organisation = organisation;
        t.subject = r.subject().strip();
        t.description = r.description();
        t.documents = StoredJson.write(documents);
        t.deadline = deadline;
        t.linkedConsultationIds = StoredJson.write(consultationIds);
        t.linkedCampaignIds = StoredJson.write(campaignIds);
        t.createdBy = caller.client();
        t.createdAt = ConsultationService.now();
        em.persist(t);
        em.flush();
        return t;
    }

    public AdviceTrajectory find(UUID id, Caller caller) {
        AdviceTrajectory t = em.find(AdviceTrajectory.class, id);
        if (t == null || !canRead(t, caller)) {
            throw ProblemException.notFound("advice trajectory " + id);
        }
        return t;
    }

    /** The basis of the advice can change until the advice is given. */
    @Transactional
    public AdviceTrajectory link(UUID id, AdviceRequests.Links links, Caller caller) {
        AdviceTrajectory t = forChange(id, caller);
        requireStatus(t, Status.REQUESTED, Status.IN_PREPARATION);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<UUID> consultationIds = consultations(links.consultationIds(), caller, errors);
        List<UUID> campaignIds = ids(links.campaignIds(), "campaignIds", errors);
        fieldRules(errors);
        t.linkedConsultationIds = StoredJson.write(consultationIds);
        t.linkedCampaignIds = StoredJson.write(campaignIds);
        em.flush();
        return t;
    }

    /** The tenant organisation takes up a requested advice. */
    @Transactional
    public AdviceTrajectory prepare(UUID id, Caller caller) {
        AdviceTrajectory t = forChange(id, caller);
        requireStatus(t, Status.REQUESTED);
        t.status = Status.IN_PREPARATION.name();
        em.flush();
        return t;
    }

    @Transactional
    public AdviceTrajectory giveAdvice(UUID id, AdviceRequests.Advice advice, Caller caller) {
        AdviceTrajectory t = forChange(id, caller);
        requireStatus(t, Status.IN_PREPARATION);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<AdviceRequests.RecommendationText> given = advice.recommendations();
        if (given == null || given.isEmpty() || given.size() > MAX_RECOMMENDATIONS) {
            errors.add(new Problem.FieldError("recommendations", "1 to " + MAX_RECOMMENDATIONS + " recommendations"));
        } else {
            for (int i = 0; i < given.size(); i++) {
                text(
                        given.get(i) == null ? null : given.get(i).text(),
                        "recommendations[" + i + "].text",
                        true,
                        MAX_TEXT,
                        errors);
            }
        }
        fieldRules(errors);
        List<Recommendation> recommendations = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            recommendations.add(new Recommendation(i + 1, given.get(i).text().strip(), null, null));
        }
        t.recommendations = StoredJson.write(recommendations);
        t.status = Status.ADVICE_GIVEN.name();
        t.adviceGivenAt = ConsultationService.now();
        events.given(new AdviceEvents.AdviceGiven(
                t.id.toString(),
                t.subject,
                strings(campaigns(t)),
                strings(consultations(t)),
                t.adviceGivenAt.toInstant().toString()));
        em.flush();
        return t;
    }

    /** The corporation answers every recommendation at once; the answer is then mailed as feedback (see {@link AdviceFeedback}). */
    @Transactional
    public AdviceTrajectory respond(UUID id, AdviceRequests.Response response, Caller caller) {
        AdviceTrajectory t = forChange(id, caller);
        requireStatus(t, Status.ADVICE_GIVEN);
        List<Recommendation> recommendations = recommendations(t);
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<Integer, AnswerRequest> byNumber = new HashMap<>();
        List<AnswerRequest> answers = response.answers() == null ? List.of() : response.answers();
        for (int i = 0; i < answers.size(); i++) {
            AnswerRequest a = answers.get(i);
            String at = "answers[" + i + "]";
            if (a == null || a.number() == null || a.number() < 1 || a.number() > recommendations.size()) {
                errors.add(new Problem.FieldError(
                        at + ".number", "the number of a recommendation, 1 to " + recommendations.size()));
                continue;
            }
            if (byNumber.put(a.number(), a) != null) {
                errors.add(
                        new Problem.FieldError(at + ".number", "recommendation " + a.number() + " is answered twice"));
            }
            if (a.answer() == null
                    || Arrays.stream(Answer.values()).noneMatch(v -> v.name().equals(a.answer()))) {
                errors.add(new Problem.FieldError(at + ".answer", "one of " + List.of(Answer.values())));
            }
            text(a.reason(), at + ".reason", true, MAX_TEXT, errors);
        }
        for (Recommendation r : recommendations) {
            if (!byNumber.containsKey(r.number())) {
                errors.add(new Problem.FieldError("answers", "recommendation " + r.number() + " has no answer"));
            }
        }
        fieldRules(errors);
        List<Recommendation> answered = recommendations.stream()
                .map(r -> {
                    AnswerRequest a = byNumber.get(r.number());
                    return new Recommendation(
                            r.number(), r.text(), a.answer(), a.reason().strip());
                })
                .toList();
        t.recommendations = StoredJson.write(answered);
        t.status = Status.RESPONSE_GIVEN.name();
        t.answeredAt = ConsultationService.now();
        events.answered(new AdviceEvents.AdviceAnswered(
                t.id.toString(),
                t.subject,
                strings(campaigns(t)),
                strings(consultations(t)),
                answered.stream()
                        .map(r -> new AdviceEvents.AnsweredRecommendation(r.number(), r.text(), r.answer(), r.reason()))
                        .toList(),
                t.answeredAt.toInstant().toString()));
        em.flush();
        return t;
    }

    @Transactional
    public AdviceTrajectory close(UUID id, Caller caller) {
        AdviceTrajectory t = forChange(id, caller);
        requireStatus(t, Status.RESPONSE_GIVEN);
        t.status = Status.CLOSED.name();
        t.closedAt = ConsultationService.now();
        em.flush();
        return t;
    }

    /** The open trajectories the caller may see, earliest deadline first, with what is overdue. */
    public AdviceViews.Overview overview(Caller caller) {
        String where = "WHERE t.status <> 'CLOSED'"
                + (caller.is(Roles.TENANT_ORGANISATION) ? " AND t.organisation = :organisation" : "");
        var query = em.createQuery(
                "SELECT t FROM AdviceTrajectory t " + where + " ORDER BY t.deadline, t.createdAt",
                AdviceTrajectory.class);
        if (caller.is(Roles.TENANT_ORGANISATION)) {
            query.setParameter("organisation", caller.actsFor());
        }
        LocalDate today = today();
        List<AdviceViews.Summary> open = query.getResultList().stream()
                .map(t -> new AdviceViews.Summary(
                        t.id, t.origin, t.status, t.organisation, t.subject, t.deadline, overdue(t, today)))
                .toList();
        return new AdviceViews.Overview(
                open.size(),
                (int) open.stream().filter(AdviceViews.Summary::overdue).count(),
                open);
    }

    public AdviceViews.View view(AdviceTrajectory t) {
        return new AdviceViews.View(
                t.id,
                t.origin,
                t.status,
                t.organisation,
                t.subject,
                t.description,
                StoredJson.read(t.documents, new TypeReference<List<Document>>() {}),
                t.deadline,
                overdue(t, today()),
                consultations(t),
                campaigns(t),
                recommendations(t),
                t.createdAt,
                t.adviceGivenAt,
                t.answeredAt,
                t.closedAt);
    }

    /** Overdue: the deadline has passed (in the service's time zone) and the advice has not been given. */
    static boolean overdue(AdviceTrajectory t, LocalDate today) {
        return (t.is(Status.REQUESTED) || t.is(Status.IN_PREPARATION)) && today.isAfter(t.deadline);
    }

    List<Recommendation> recommendations(AdviceTrajectory t) {
        return t.recommendations == null
                ? List.of()
                : StoredJson.read(t.recommendations, new TypeReference<List<Recommendation>>() {});
    }

    List<UUID> consultations(AdviceTrajectory t) {
        return StoredJson.read(t.linkedConsultationIds, new TypeReference<List<UUID>>() {});
    }

    List<UUID> campaigns(AdviceTrajectory t) {
        return StoredJson.read(t.linkedCampaignIds, new TypeReference<List<UUID>>() {});
    }

    private LocalDate today() {
        return LocalDate.now(config.zone());
    }

    /** Who may read: the corporation and ops every trajectory, a tenant organisation its own. */
    private static boolean canRead(AdviceTrajectory t, Caller caller) {
        return caller.is(Roles.CORPORATION)
                || caller.is(Roles.OPS)
                || (caller.is(Roles.TENANT_ORGANISATION) && caller.actsFor().equals(t.organisation));
    }

    /** Locked, so two answers at once are one 200 and one 409. Which party may do what is the resource's {@code @RolesAllowed}. */
    private AdviceTrajectory forChange(UUID id, Caller caller) {
        AdviceTrajectory t = em.find(AdviceTrajectory.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (t == null || !canRead(t, caller)) {
            throw ProblemException.notFound("advice trajectory " + id);
        }
        if (caller.is(Roles.OPS)) {
            throw new ProblemException(
                    403, "forbidden", "Forbidden", "ops may read advice trajectories, not change them", null);
        }
        return t;
    }

    static void requireStatus(AdviceTrajectory t, Status... allowed) {
        for (Status s : allowed) {
            if (t.is(s)) {
                return;
            }
        }
        throw new ProblemException(
                409,
                "wrong-status",
                "Not possible in this status",
                "the advice trajectory is " + t.status + "; this needs " + List.of(allowed),
                null);
    }

    /** A field rule broken: 422 naming the fields, nothing changed. */
    private static void fieldRules(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
    }

    private static void text(String value, String field, boolean required, int max, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "required"));
            }
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(field, "at most " + max + " characters"));
        }
    }

    private static List<Document> documents(List<Document> documents, List<Problem.FieldError> errors) {
        if (documents == null) {
            return List.of();
        }
        if (documents.size() > MAX_DOCUMENTS) {
            errors.add(new Problem.FieldError("documents", "at most " + MAX_DOCUMENTS + " documents"));
            return List.of();
        }
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            text(d == null ? null : d.title(), "documents[" + i + "].title", true, 300, errors);
            if (d == null || !isWebLink(d.url())) {
                errors.add(new Problem.FieldError(
                        "documents[" + i + "].url", "an http(s) URL of at most 2000 characters"));
            }
        }
        return documents;
    }

    private static boolean isWebLink(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI u = new URI(url);
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static LocalDate deadline(String deadline, List<Problem.FieldError> errors) {
        if (deadline == null || deadline.isBlank()) {
            errors.add(new Problem.FieldError("deadline", "required: the day the advice is due (yyyy-mm-dd)"));
            return null;
        }
        try {
            return LocalDate.parse(deadline);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("deadline", "a date (yyyy-mm-dd)"));
            return null;
        }
    }

    private static List<UUID> ids(List<UUID> ids, String field, List<Problem.FieldError> errors) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_LINKS || ids.contains(null)) {
            errors.add(new Problem.FieldError(field, "at most " + MAX_LINKS + " ids, none null"));
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** Linked consultations must exist and be visible to the caller (another party's are as unknown as missing ones). */
    private List<UUID> consultations(List<UUID> ids, Caller caller, List<Problem.FieldError> errors) {
        List<UUID> unique = ids(ids, "consultationIds", errors);
        for (int i = 0; i < unique.size(); i++) {
            Consultation c = em.find(Consultation.class, unique.get(i));
            if (c == null || !Access.canRead(c, caller)) {
                errors.add(new Problem.FieldError("consultationIds[" + i + "]", "no consultation " + unique.get(i)));
            }
        }
        return unique;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}

package nl.meedoen.recruitment.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import nl.meedoen.commons.contracts.MessageRequestV1;
import nl.meedoen.commons.contracts.RecruitmentEventV1;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.population.PopulationMember;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import nl.meedoen.recruitment.signup.SignupDtos.Conversion;
import nl.meedoen.recruitment.signup.SignupDtos.OutreachOut;
import nl.meedoen.recruitment.signup.SignupDtos.SignupIn;
import nl.meedoen.recruitment.signup.SignupDtos.SourceConversion;
import nl.meedoen.recruitment.signup.SignupDtos.TokenSignupIn;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Outreach with personal sign-up links, sign-ups (by token or by the tenant portal), withdrawal, conversion. */
@ApplicationScoped
public class Signups {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Campaigns campaigns;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "recruitment.signup-url", defaultValue = "https://meedoen.example/aanmelden?token=")
    String signupUrl;

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message request per eligible tenant not reached through this source yet (a repeat sends nothing twice). */
    @Transactional
    public OutreachOut outreach(UUID campaignId, String source) {
        Signup.Source src = source(source, "source");
        if (src != Signup.Source.MAILING && src != Signup.Source.LETTER) {
            throw ProblemException.invalidField("source", "an outreach goes out as MAILING or LETTER");
        }
        Campaign c = campaigns.find(campaignId);
        if (c.state() != Campaign.Status.OPEN) {
            throw ProblemException.conflict("outreach needs an OPEN campaign; this one is " + c.status);
        }
        List<EligibilityRule> rules = Campaigns.rules(c);
        Set<String> reached = new HashSet<>(OutreachInvitation.<OutreachInvitation>list("campaignId = ?1 and source = ?2", c.id, src.name())
                .stream().map(i -> i.tenantRef).toList());
        Set<String> signedUp = new HashSet<>(Signup.all(c.id).stream().map(s -> s.tenantRef).toList());
        List<PopulationMember> eligible = PopulationMember.<PopulationMember>list("order by tenantRef").stream()
                .filter(m -> EligibilityRule.eligible(rules, m)).toList();
        List<MessageRequestV1> messages = new ArrayList<>();
        int already = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (PopulationMember m : eligible) {
            if (reached.contains(m.tenantRef) || signedUp.contains(m.tenantRef)) {
                already++;
                continue;
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            OutreachInvitation inv = new OutreachInvitation();
            inv.tokenHash = hash(token);
            inv.campaignId = c.id;
            inv.tenantRef = m.tenantRef;
            inv.source = src.name();
            inv.createdAt = now;
            inv.persist();
            Map<String, Object> data = new LinkedHashMap<>();
            // the placeholders of notification-service's recruitment.outreach template (a missing one is refused there)
            data.put("campaignTitle", c.title);
            data.put("description", c.theme);
            data.put("signUpDeadline", c.signupCloses.toString());
            data.put("signUpUrl", signupUrl + token);
            data.put("theme", c.theme);
            data.put("form", c.form);
            messages.add(new MessageRequestV1("recruitment:" + c.id + ":outreach:" + src + ":" + m.tenantRef, m.tenantRef,
                    MessageRequestV1.RECRUITMENT, "recruitment.outreach", data,
                    src == Signup.Source.LETTER ? MessageRequestV1.LETTER : MessageRequestV1.EMAIL));
        }
        outbox.publishAll(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, messages, MessageRequestV1::tenantRef);
        return new OutreachOut(src.name(), eligible.size(), messages.size(), already);
    }

    @Transactional
    public Signup signUp(UUID campaignId, SignupIn in) {
        if (in == null || in.tenantRef() == null || in.tenantRef().isBlank()) {
            throw ProblemException.invalidField("tenantRef", "required");
        }
        Signup.Source src = source(in.source(), "source");
        return register(campaigns.find(campaignId), in.tenantRef(), src, in.motivation(), in.expertise(), in.availability());
    }

    @Transactional
    public Signup signUpByToken(TokenSignupIn in) {
        if (in == null || in.token() == null || in.token().isBlank()) {
            throw ProblemException.invalidField("token", "required");
        }
        OutreachInvitation inv = OutreachInvitation.findById(hash(in.token()));
        if (inv == null) {
            throw ProblemException.notFound("sign-up link");
        }
        Campaign c = Campaign.findById(inv.campaignId);
        return register(c, inv.tenantRef, Signup.Source.valueOf(inv.source), in.motivation(), in.expertise(), in.availability());
    }

    private Signup register(Campaign c, String tenantRef, Signup.Source source, String motivation, String expertise, String availability) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (c.state() != Campaign.Status.OPEN) {
            throw new ProblemException(409, "signups-closed", "Sign-ups are not open", "campaign is " + c.status, null);
        }
        if (today.isBefore(c.signupOpens) || today.isAfter(c.signupCloses)) {
            throw new ProblemException(409, "signups-closed", "Sign-ups are not open",
                    "the sign-up window is " + c.signupOpens + " to " + c.signupCloses, null);
        }
        PopulationMember m = PopulationMember.findById(tenantRef);
        if (!EligibilityRule.eligible(Campaigns.rules(c), m)) {
            throw new ProblemException(422, "not-eligible", "Tenant is not eligible",
                    m == null ? "tenant " + tenantRef + " is not in the population" : "tenant " + tenantRef + " does not meet the campaign's eligibility rules", null);
        }
        if (Signup.of(c.id, tenantRef) != null) {
            throw ProblemException.conflict("tenant " + tenantRef + " already signed up for this campaign");
        }
        Signup s = new Signup();
        s.id = UUID.randomUUID();
        s.campaignId = c.id;
        s.tenantRef = tenantRef;
        s.motivation = motivation;
        s.expertise = expertise;
        s.availability = availability;
        s.source = source.name();
        s.status = Signup.ACTIVE;
        s.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        s.persist();
        campaigns.publish(c, RecruitmentEventV1.SIGNUP_RECEIVED, tenantRef, source.name(), null, null);
        outbox.publish(MessageRequestV1.TOPIC, MessageRequestV1.TYPE, tenantRef, new MessageRequestV1(
                "recruitment:" + c.id + ":signup-confirmation:" + tenantRef, tenantRef, MessageRequestV1.SERVICE,
                "recruitment.signup-confirmation", Map.of("campaignTitle", c.title, "drawDate", c.signupCloses.plusDays(1).toString()), null));
        return s;
    }

    @Transactional
    public Signup withdraw(UUID campaignId, String tenantRef) {
        Campaign c = campaigns.find(campaignId);
        Signup s = Signup.of(c.id, tenantRef);
        if (s == null || Signup.WITHDRAWN.equals(s.status)) {
            throw ProblemException.notFound("active sign-up of " + tenantRef);
        }
        if (c.state() == Campaign.Status.DRAWN || nl.meedoen.recruitment.draw.DrawEntity.findById(c.id) != null) {
            throw ProblemException.conflict("the draw is committed: a selected tenant declines instead (replacement from the waitlist)");
        }
        s.status = Signup.WITHDRAWN;
        campaigns.publish(c, RecruitmentEventV1.SIGNUP_WITHDRAWN, tenantRef, s.source, null, null);
        return s;
    }

    public List<Signup> list(UUID campaignId) {
        return Signup.all(campaigns.find(campaignId).id);
    }

    public Conversion conversion(UUID campaignId, String attribute) {
        Campaign c = campaigns.find(campaignId);
        nl.meedoen.population.PopulationAttribute attr = attribute == null ? null
                : nl.meedoen.population.PopulationAttribute.parse(attribute).orElseThrow(() -> ProblemException.invalidField("attribute",
                "one of " + Arrays.toString(nl.meedoen.population.PopulationAttribute.values())));
        List<OutreachInvitation> invitations = OutreachInvitation.list("campaignId", c.id);
        List<Signup> all = Signup.all(c.id);
        List<SourceConversion> out = new ArrayList<>();
        for (Signup.Source src : Signup.Source.values()) {
            long reached = invitations.stream().filter(i -> i.source.equals(src.name())).count();
            long signed = all.stream().filter(s -> s.source.equals(src.name())).count();
            long withdrawn = all.stream().filter(s -> s.source.equals(src.name()) && Signup.WITHDRAWN.equals(s.status)).count();
            out.add(new SourceConversion(src.name(), reached, signed, withdrawn, reached == 0 ? null : (double) signed / reached));
        }
        List<SignupDtos.GroupConversion> groups = null;
        if (attr != null) {
            List<EligibilityRule> rules = Campaigns.rules(c);
            Map<String, PopulationMember> byRef = new java.util.HashMap<>();
            PopulationMember.<PopulationMember>listAll().forEach(m -> byRef.put(m.tenantRef, m));
            Map<String, long[]> counts = new java.util.TreeMap<>();
            byRef.values().stream().filter(m -> EligibilityRule.eligible(rules, m)).forEach(m -> counts.computeIfAbsent(group(m, attr), k -> new long[3])[0]++);
            invitations.stream().map(i -> i.tenantRef).distinct().forEach(t -> counts.computeIfAbsent(group(byRef.get(t), attr), k -> new long[3])[1]++);
            all.forEach(s -> counts.computeIfAbsent(group(byRef.get(s.tenantRef), attr), k -> new long[3])[2]++);
            groups = new ArrayList<>();
            for (var e : counts.entrySet()) {
                long[] n = e.getValue();
                groups.add(new SignupDtos.GroupConversion(e.getKey(), n[0], n[1], n[2], n[1] == 0 ? null : (double) n[2] / n[1]));
            }
        }
        return new Conversion(c.id, out, attr == null ? null : attr.name(), groups);
    }

    private static String group(PopulationMember m, nl.meedoen.population.PopulationAttribute a) {
        String v = m == null ? null : EligibilityRule.valueOf(m, a);
        return v == null ? "unknown" : v;
    }

    static Signup.Source source(String s, String field) {
        return Arrays.stream(Signup.Source.values()).filter(v -> v.name().equals(s)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField(field, "one of " + Arrays.toString(Signup.Source.values())));
    }
}

package nl.meedoen.notification.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nl.meedoen.commons.paging.Page;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.notification.tenant.ProfileBands;
import org.hibernate.Session;

/** Counts and lists the tenants of a segment, straight from the register. */
@ApplicationScoped
public class Segments {

    /** A member of a segment: its attributes, no contact data. */
    public record Member(
            String tenantRef,
            String language,
            String preferredChannel,
            String complexId,
            String neighbourhoodCode,
            String ageBand,
            String householdType,
            String dwellingType,
            String tenancyBand) {}

    @Inject
    EntityManager em;

    public static void requireValid(SegmentFilter filter, String prefix) {
        List<Problem.FieldError> errors = filter.validate(prefix);
        if (!errors.isEmpty()) {
            throw ProblemException.fieldRules(errors);
        }
    }

    @Transactional
    public long count(SegmentFilter filter) {
        SegmentFilter.Sql sql = filter.toSql(LocalDate.now(ZoneOffset.UTC));
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tenant t WHERE " + sql.condition())) {
                bind(c, ps, sql.params(), 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Transactional
    public Page<Member> members(SegmentFilter filter, PageRequest page) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SegmentFilter.Sql sql = filter.toSql(today);
        List<Member> rows = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT tenant_ref, language, preferred_channel, complex_id, neighbourhood_code, birth_year, household_type,
                           dwelling_type, tenancy_start
                    FROM tenant t WHERE %s AND t.tenant_ref > ? ORDER BY t.tenant_ref LIMIT ?""".formatted(sql.condition()))) {
                int next = bind(c, ps, sql.params(), 1);
                ps.setString(next, page.afterKey() == null ? "" : page.afterKey());
                ps.setInt(next + 1, page.limit() + 1);
                List<Member> members = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int birthYear = rs.getInt(6);
                        Integer birth = rs.wasNull() ? null : birthYear;
                        java.sql.Date start = rs.getDate(9);
                        members.add(new Member(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                ProfileBands.ageBand(birth, today),
                                rs.getString(7),
                                rs.getString(8),
                                ProfileBands.tenancyBand(start == null ? null : start.toLocalDate(), today)));
                    }
                }
                return members;
            }
        });
        return page.page(rows, Member::tenantRef);
    }

    /** Binds the filter's parameters from position {@code first}; returns the next free position. */
    public static int bind(Connection c, PreparedStatement ps, List<Object> params, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof String[] values) {
                ps.setArray(i++, c.createArrayOf("text", values));
            } else if (p instanceof LocalDate date) {
                ps.setObject(i++, date);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}

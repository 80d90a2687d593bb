package nl.meedoen.panel.panel;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.panel.Ids;

/**
 * Which panels a caller sees: a party sees (and changes) only the panels it owns or co-owns — a
 * tenant organisation only those naming its client id; ops reads every panel. Any other panel
 * does not exist for the caller (404), so ids reveal nothing.
 */
@ApplicationScoped
public class PanelAccess {

    @Inject
    SecurityIdentity identity;

    public boolean visible(Panel panel) {
        return Roles.OPS.equals(caller().role()) || panel.isOn(caller().role(), caller().client());
    }

    public Panel read(String id) {
        return check(Panel.findById(Ids.parse(id, "panel")), id);
    }

    /** The panel for a change, its row locked until the transaction ends (changes to one panel queue). */
    public Panel write(String id) {
        UUID uuid = Ids.parse(id, "panel");
        Panel panel = check(Panel.findById(uuid, LockModeType.PESSIMISTIC_WRITE), id);
        if (Roles.OPS.equals(caller().role())) {
            throw new ProblemException(403, "forbidden", "Forbidden", "ops may read panels but not change them", null);
        }
        return panel;
    }

    private Panel check(Panel panel, String id) {
        if (panel == null || !visible(panel)) {
            throw ProblemException.notFound("panel " + id);
        }
        return panel;
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}

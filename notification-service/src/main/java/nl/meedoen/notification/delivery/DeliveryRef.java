package nl.meedoen.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** What every delivery event names: the delivery, the request or mailing it came from, its tenant, purpose and template. */
public record DeliveryRef(
        UUID id, String requestId, UUID mailingId, String tenantRef, String purpose, String templateKey) {

    public static DeliveryRef of(Delivery d) {
        return new DeliveryRef(d.id, d.requestId, d.mailingId, d.tenantRef, d.purpose, d.templateKey);
    }

    /** Read from the first six columns of a query that selects them in this order. */
    static DeliveryRef read(ResultSet rs) throws SQLException {
        return new DeliveryRef(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }
}

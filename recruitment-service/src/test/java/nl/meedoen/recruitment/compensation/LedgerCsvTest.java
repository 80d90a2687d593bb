package nl.meedoen.recruitment.compensation;

import static io.restassured.RestAssured.given;
import static nl.meedoen.devinfra.OpenApiChecks.documentsTheCsvDialect;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nl.meedoen.devinfra.TestInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LedgerCsvTest {

    static final String LEDGER = "/api/v1/campaigns/compensation/ledger.csv";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"klik\")";

    @Inject
    EntityManager em;

    /** Two payments in a year of their own, one to a tenantRef that is a formula (refs come from the corporation's systems). */
    int ledgerYear() {
        int year = 2050 + (int) (Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 50);
        UUID campaign = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // a database kept from an earlier run may have used the year: it is this test's alone
            em.createNativeQuery("DELETE FROM compensation_payment WHERE year = ?1")
                    .setParameter(1, year)
                    .executeUpdate();
            em.createNativeQuery("""
                            INSERT INTO campaign (id, form, organiser_party, title, theme, seats, signup_opens, signup_closes, eligibility,
                                                  compensation_type, compensation_cents, status, created_at)
                            VALUES (?1, 'PANEL', 'corporation', 'Ledger', 'ledger', 5, DATE '2024-01-01', DATE '2024-02-01', '[]',
                                    'PER_SESSION', 150050, 'DRAWN', now())""").setParameter(1, campaign).executeUpdate();
            for (String ref : List.of("T-ledger", FORMULA)) {
                em.createNativeQuery("""
                                INSERT INTO compensation_payment (id, tenant_ref, year, campaign_id, requested_cents, paid_cents, capped, created_at)
                                VALUES (?1, ?2, ?3, ?4, 150050, 150050, false, now())""")
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, ref)
                        .setParameter(3, year)
                        .setParameter(4, campaign)
                        .executeUpdate();
            }
        });
        return year;
    }

    @Test
    void theLedgerComesInTheExcelNlDialectWithDecimalCommasAndFormulasDefused() {
        int year = ledgerYear();
        byte[] excel = given().auth()
                .oauth2(TestInfra.token("corporation"))
                .queryParam("year", year)
                .queryParam("dialect", "excel-nl")
                .get(LEDGER)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("compensation-" + year + ".csv"))
                .extract()
                .asByteArray();
        assertEquals(
                List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                List.of(excel[0], excel[1], excel[2]),
                "UTF-8 byte-order mark");
        List<String> lines = List.of(new String(excel, StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("\uFEFFtenantRef;year;requestedEuro;paidEuro;capped;yearlyMaxEuro", lines.get(0));
        assertEquals(
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\";" + year + ";1500,50;1500,50;false;2100,00",
                lines.get(1));
        assertEquals("T-ledger;" + year + ";1500,50;1500,50;false;2100,00", lines.get(2));

        String plain = given().auth()
                .oauth2(TestInfra.token("ops"))
                .queryParam("year", year)
                .get(LEDGER)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                "tenantRef,year,requestedEuro,paidEuro,capped,yearlyMaxEuro\r\n"
                        + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"," + year
                        + ",1500.50,1500.50,false,2100.00\r\n"
                        + "T-ledger," + year + ",1500.50,1500.50,false,2100.00\r\n",
                plain);

        given().auth()
                .oauth2(TestInfra.token("corporation"))
                .queryParam("year", year)
                .queryParam("dialect", "xlsx")
                .get(LEDGER)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("dialect"));
        documentsTheCsvDialect(LEDGER);
    }
}

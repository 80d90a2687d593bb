package nl.meedoen.notification.letter;

import static nl.meedoen.devinfra.OpenApiChecks.documentsTheCsvDialect;
import static nl.meedoen.notification.TestData.as;
import static nl.meedoen.notification.TestData.invitation;
import static nl.meedoen.notification.TestData.newRef;
import static nl.meedoen.notification.TestData.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvReader;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ManifestCsvTest {

    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"klik\")";

    @Test
    void theManifestComesInTheExcelNlDialectWithFormulasDefused() {
        String ref = newRef();
        as("corporation")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        FORMULA,
                        "language",
                        "nl",
                        "preferredChannel",
                        "LETTER",
                        "address",
                        Map.of("street", "Kerkstraat", "houseNumber", 7, "postcode", "3511 AB", "city", "Utrecht")))
                .put("/api/v1/tenants/" + ref)
                .then()
                .statusCode(201);
        String delivery = send(invitation("req-" + UUID.randomUUID(), ref))
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("id");
        String batch = nl.meedoen.notification.TestData.printBatch();
        String manifest = "/api/v1/print-batches/" + batch + "/manifest.csv";

        byte[] excel = as("corporation")
                .queryParam("dialect", "excel-nl")
                .get(manifest)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("manifest-" + batch + ".csv"))
                .extract()
                .asByteArray();
        assertArrayEquals(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(excel, 3), "UTF-8 byte-order mark");
        String text = new String(excel, StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith(
                        "\uFEFFpage;deliveryId;tenantRef;name;street;houseNumber;houseNumberSuffix;postcode;city;templateKey;language\r\n"),
                text);
        CsvReader.Row row = row(excel, delivery);
        assertEquals("'" + FORMULA, row.get("name"), "defused: Excel shows it, never runs it");
        assertEquals("7", row.get("houseNumber"));

        byte[] plain =
                as("corporation").get(manifest).then().statusCode(200).extract().asByteArray();
        assertTrue(
                new String(plain, StandardCharsets.UTF_8).startsWith("page,deliveryId,tenantRef,name,"),
                "rfc4180 is the default");
        assertEquals("'" + FORMULA, row(plain, delivery).get("name"));

        as("corporation")
                .queryParam("dialect", "xlsx")
                .get(manifest)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("dialect"));
        documentsTheCsvDialect("/api/v1/print-batches/{id}/manifest.csv");
    }

    static CsvReader.Row row(byte[] csv, String deliveryId) {
        List<CsvReader.Row> rows = new java.util.ArrayList<>();
        CsvReader.open(new ByteArrayInputStream(csv), null).forEach(rows::add);
        return rows.stream()
                .filter(r -> deliveryId.equals(r.get("deliveryId")))
                .findFirst()
                .orElseThrow();
    }
}

package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The field trial: the platform as a corporation, its tenants and its ops team meet it, at real sizes, through a real
 * reverse proxy (Debian's nginx, as an ingress: X-Forwarded-For appended, bodies streamed) in front of a gateway with the
 * production rate limits that trusts only that proxy. Each trial prints one line with its timings.
 * <p>
 * Sizes: {@code -Dmeedoen.fieldtrial.tenants} (default 20,000: CI), {@code .pool} and {@code .seats} (default 300 and 30),
 * {@code .population} and {@code .responses} (default 100,000 and 25,000); {@code benchmarks/field-trial/run.sh} runs it at
 * full size (200,000 tenants, a pool of 1,700 for 110 seats, a population of 500,000, 100,000 responses).
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldTrialIT {

    static final int TENANTS = Integer.getInteger("meedoen.fieldtrial.tenants", 20_000);
    static final int POOL = Integer.getInteger("meedoen.fieldtrial.pool", 300);
    static final int SEATS = Integer.getInteger("meedoen.fieldtrial.seats", 30);
    /** The population the services hold: the imported tenants plus as many more profiles as this needs (default 100,000). */
    static final int POPULATION = Integer.getInteger("meedoen.fieldtrial.population", 100_000);
    /** Responses in the consultation whose export is a job (default 25,000: above the direct route's 20,000). */
    static final int RESPONSES = Integer.getInteger("meedoen.fieldtrial.responses", 25_000);
    /** Seeded tenants only: one in a hundred of them live here. */
    static final String SMALL_NEIGHBOURHOOD = "BU03449999";
    /** The production token-route limit per client address (gateway application.properties). */
    static final int TOKEN_ROUTE_BURST = 120;

    private Platform platform;
    private ReverseProxy proxy;
    private String tag;
    private final List<String[]> tenants = new ArrayList<>();

    @BeforeAll
    void frontDoor(Platform platform) throws Exception {
        this.platform = platform;
        Stack stack = platform.stack();
        // A gateway as deploy/ runs it: production token-route limits, only the proxy (loopback 127.0.0.1) trusted.
        int gatewayPort;
        try (ServerSocket s = new ServerSocket(0)) {
            gatewayPort = s.getLocalPort();
        }
        Map<String, String> production = Map.of(
                "%local.meedoen.gateway.rate-limits.token-routes-per-ip.per-second", "2",
                "%local.meedoen.gateway.rate-limits.token-routes-per-ip.burst", String.valueOf(TOKEN_ROUTE_BURST),
                "%local.meedoen.gateway.trusted-proxies", "127.0.0.1/32");
        production.forEach((k, v) -> stack.override(App.GATEWAY, k, v));
        try {
            stack.startReplica(App.GATEWAY, gatewayPort);
        } finally {
            production.keySet().forEach(k -> stack.override(App.GATEWAY, k, null));
        }
        proxy = ReverseProxy.start(
                "127.0.0.1:" + gatewayPort, Path.of("target/field-trial/nginx").toAbsolutePath());
        tag = Long.toString(System.currentTimeMillis(), 36);
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** As a corporation system calls it: through the ingress. */
    private RequestSpecification corporation() {
        return given().baseUri(proxy.url())
                .contentType("application/json")
                .header("Authorization", "Bearer " + platform.stack().tokens().tokenForRole("corporation"));
    }

    @Test
    @Order(1)
    void aTenantFileSavedByDutchExcelIsImportedThroughTheIngress() throws Exception {
        byte[] csv = excelCsv();
        long before = recruitmentPopulation();
        long t0 = System.nanoTime();
        // 202 + Location of the job; the body is the import (its id), where the counts and the rejected rows are read
        String location = "/api/v1/tenant-imports/"
                + corporation()
                        .contentType("text/csv; charset=UTF-8")
                        .body(csv)
                        .post("/api/v1/tenant-imports")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("id");
        double accepted = seconds(t0);
        JsonPath done = awaitImport(location);
        double finished = seconds(t0);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(TENANTS + 1, done.getInt("totalRows"));
        assertEquals(
                1, done.getInt("rejected"), "the one malformed row is reported, the rest kept: " + done.prettify());
        assertEquals(TENANTS, done.getInt("created") + done.getInt("updated") + done.getInt("unchanged"));
        JsonPath errors = corporation()
                .get(location + "/errors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(TENANTS / 2 + 1, errors.getInt("items[0].row"), errors.prettify());
        assertTrue(errors.getString("items[0].field").contains("postcode"), errors.prettify());
        // The later trials read the imported tenants in recruitment's population, which their profile events fill
        // through Kafka: that is part of an import's work, so it is waited for (and timed) here.
        long created = done.getLong("created");
        await().atMost(Duration.ofSeconds(Math.max(600, TENANTS / 100)))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> recruitmentPopulation() >= before + created);
        double propagated = seconds(t0);
        trial(
                "import",
                "%,d tenants as Dutch Excel saves them (BOM, ';', CRLF, %.1f MB) through nginx: 202 after %.1f s, done after %.1f s"
                        + " (%,.0f rows/s), 1 malformed row reported; their profiles in recruitment's population after"
                        + " %.1f s (%,.0f/s)",
                TENANTS,
                csv.length / 1e6,
                accepted,
                finished,
                TENANTS / finished,
                propagated,
                created / propagated);
    }

    /** How many tenants recruitment-service's population read model holds. */
    private long recruitmentPopulation() {
        return corporation()
                .queryParam("attribute", "ageBand")
                .get("/api/v1/campaigns/population/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    @Test
    @Order(2)
    void aStratifiedDrawOfAFullPoolIsCommittedAsAJobAndVerifiedWithTheCli() throws Exception {
        Stack stack = platform.stack();
        // The import's tenants reach recruitment's population through Kafka.
        List<String> pool = new ArrayList<>();
        Set<String> complexes = new LinkedHashSet<>();
        for (int i = 0; i < TENANTS && pool.size() < POOL; i += Math.max(1, TENANTS / POOL)) {
            pool.add(tenants.get(i)[0]);
            complexes.add(tenants.get(i)[9]);
        }
        long t0 = System.nanoTime();
        // every one of the pool (the profile events of different tenants arrive in no particular order)
        Set<String> missing = new LinkedHashSet<>(pool);
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    missing.removeIf(ref -> corporation()
                                    .get("/api/v1/campaigns/population/members/{ref}", ref)
                                    .statusCode()
                            == 200);
                    return missing.isEmpty();
                });
        double propagated = seconds(t0);

        Map<String, Object> council =
                campaign("TENANT_COUNCIL_ONE_OFF", "Huurdersraad " + tag, SEATS, List.copyOf(complexes));
        String campaign = corporation()
                .contentType("application/json")
                .body(council)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Journeys.agreeAndOpen(this::corporation, campaign);
        StringBuilder signups = new StringBuilder("\uFEFFtenantRef;source;motivation\r\n");
        pool.forEach(ref -> signups.append(ref).append(";EVENT;\"Op de bewonersavond;\r\nopgeschreven\"\r\n"));
        long t1 = System.nanoTime();
        JsonPath bulk = corporation()
                .contentType("text/csv")
                .body(signups.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/campaigns/{id}/signups/bulk", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(POOL, bulk.getInt("signedUp"), bulk.prettify());
        double signedUp = seconds(t1);
        corporation().post("/api/v1/campaigns/{id}/close", campaign).then().statusCode(200);

        // Quotas on all seven attributes around each value's share of the pool.
        JsonPath shares = corporation()
                .get("/api/v1/campaigns/{id}/representativeness", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> quotas = new ArrayList<>();
        for (Map<String, Object> report : shares.<Map<String, Object>>getList("$")) {
            for (Map<String, Object> row : (List<Map<String, Object>>) report.get("rows")) {
                long n = ((Number) row.get("signups")).longValue();
                if (n == 0) {
                    continue;
                }
                double expected = (double) n * SEATS / POOL;
                quotas.add(Map.of(
                        "attribute",
                        report.get("attribute"),
                        "value",
                        row.get("value"),
                        "min",
                        (int) Math.floor(expected * 0.6),
                        "max",
                        (int) Math.ceil(expected * 1.4) + 1));
            }
        }
        Map<String, String> secrets = Map.of(
                "corporation", "7d3f9b1e5a2c-corporatie-" + tag, "witness:Bewonerscommissie", "3-6-2-5-1 " + tag);
        Journeys.commitSeeds(this::corporation, campaign, secrets);
        long t2 = System.nanoTime();
        String location = corporation()
                .contentType("application/json")
                .body(Map.of("algorithm", "leximin", "householdRule", true, "quotas", quotas))
                .post("/api/v1/campaigns/{id}/draw/commit", campaign)
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        double answered = seconds(t2);
        // A retry while it runs starts no second solver.
        corporation()
                .contentType("application/json")
                .body(Map.of("algorithm", "leximin", "householdRule", true, "quotas", quotas))
                .post("/api/v1/campaigns/{id}/draw/commit", campaign)
                .then()
                .statusCode(409);
        Set<String> phases = new LinkedHashSet<>();
        JsonPath job;
        while (true) {
            job = corporation().get(location).then().statusCode(200).extract().jsonPath();
            if (job.getString("phase") != null) {
                phases.add(job.getString("phase"));
            }
            String status = job.getString("status");
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                break;
            }
            assertTrue(seconds(t2) < 900, "the commitment is still " + status + " after 15 minutes: " + job.prettify());
            Thread.sleep(500);
        }
        double committed = seconds(t2);
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        Journeys.revealSeeds(this::corporation, campaign, secrets);
        corporation()
                .contentType("application/json")
                .post("/api/v1/campaigns/{id}/draw/seed", campaign)
                .then()
                .statusCode(200);
        String record = corporation()
                .get("/api/v1/campaigns/{id}/draw/record", campaign)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path out = Path.of("target/field-trial").toAbsolutePath();
        Files.createDirectories(out);
        Path recordFile = out.resolve("draw-" + campaign + ".json");
        Files.writeString(recordFile, record);
        Path cli = stack.settings().repoRoot().resolve("draw-engine/target/draw-engine-cli.jar");
        Process verify = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        cli.toString(),
                        "verify",
                        "--record",
                        recordFile.toString(),
                        "--commitment",
                        job.getString("result.commitment"))
                .redirectErrorStream(true)
                .start();
        String verified = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, verify.exitValue(), "the CLI does not confirm the published record:\n" + verified);
        trial(
                "draw",
                "%d sign-ups (bulk CSV in %.1f s, population via Kafka after %.1f s), 7 attributes, %d quotas, %d seats, LEXIMIN:"
                        + " 202 after %.2f s, job done after %.1f s, phases %s; the CLI verifies the record",
                POOL,
                signedUp,
                propagated,
                quotas.size(),
                SEATS,
                answered,
                committed,
                phases);
    }

    @Test
    @Order(3)
    void threeHundredTenantsBehindTheIngressAreEachLimitedOnTheirOwnAndAForgedForwardedForBuysNothing()
            throws Exception {
        String path = "/api/v1/campaigns/token-signups";
        String body = "{\"token\":\"not-a-real-token-" + tag + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        long t0 = System.nanoTime();
        try {
            // 300 tenants, each from an address of its own, each 3 requests, all at once
            List<Future<List<Integer>>> tenantsAtOnce = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String address = "127.0.1." + (i % 250 + 1);
                String address2 = i < 250 ? address : "127.0.2." + (i - 249);
                tenantsAtOnce.add(pool.submit(() -> List.of(
                        post(address2, path, body, null),
                        post(address2, path, body, null),
                        post(address2, path, body, null))));
            }
            int limited = 0;
            int answered = 0;
            for (Future<List<Integer>> f : tenantsAtOnce) {
                for (int status : f.get(2, TimeUnit.MINUTES)) {
                    answered++;
                    limited += status == 429 ? 1 : 0;
                    assertEquals(404, status == 429 ? 404 : status, "an unknown sign-up token is a 404 problem");
                }
            }
            double together = seconds(t0);
            assertEquals(900, answered);
            assertEquals(0, limited, "no tenant is limited by another's traffic");

            // One client writing a fresh left-most X-Forwarded-For on every request: still one bucket, its own address.
            long t1 = System.nanoTime();
            List<Future<Integer>> forged = new ArrayList<>();
            for (int i = 0; i < 2 * TOKEN_ROUTE_BURST; i++) {
                String fake = "198.51.100." + (i % 250) + ", 203.0.113." + (i % 250);
                forged.add(pool.submit(() -> post("127.0.3.1", path, body, fake)));
            }
            int forgedLimited = 0;
            for (Future<Integer> f : forged) {
                forgedLimited += f.get(2, TimeUnit.MINUTES) == 429 ? 1 : 0;
            }
            assertTrue(
                    forgedLimited >= TOKEN_ROUTE_BURST - 10,
                    forgedLimited + " of " + 2 * TOKEN_ROUTE_BURST + " forged requests limited; the burst is "
                            + TOKEN_ROUTE_BURST);
            trial(
                    "proxy",
                    "300 tenants on their own addresses, 900 token-route requests at once through nginx in %.1f s: 0 limited;"
                            + " one client forging a fresh X-Forwarded-For each time: %d of %d limited (burst %d) in %.1f s",
                    together,
                    forgedLimited,
                    2 * TOKEN_ROUTE_BURST,
                    TOKEN_ROUTE_BURST,
                    seconds(t1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void lettersReachTenantsWithTheirNamesAsWrittenAndAQrCodeThatSignsThemUp() throws Exception {
        // The smallest complex of the import: its tenants get the campaign's outreach as a letter.
        Map<String, List<String[]>> byComplex = new java.util.TreeMap<>();
        tenants.forEach(
                t -> byComplex.computeIfAbsent(t[9], c -> new ArrayList<>()).add(t));
        List<String[]> residents = byComplex.values().stream()
                .filter(l -> l.size() >= 24)
                .min(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
        String complex = residents.get(0)[9];
        Map<String, Object> evening = campaign("THEME_EVENING", "Thema-avond " + tag, 40, List.of(complex));
        String campaign = corporation()
                .body(evening)
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Journeys.agreeAndOpen(this::corporation, campaign);
        long t0 = System.nanoTime();
        String outreach = corporation()
                .body(Map.of("source", "LETTER"))
                .post("/api/v1/campaigns/{id}/outreach", campaign)
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath job = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> corporation()
                                .get(outreach)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        j -> "SUCCEEDED".equals(j.getString("status")) || "FAILED".equals(j.getString("status")));
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        assertEquals(residents.size(), job.getInt("result.messaged"), job.prettify());
        // notification-service turns each request into a letter waiting for the printer
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> residents.stream()
                        .allMatch(t -> !corporation()
                                .queryParam("requestId", "recruitment:" + campaign + ":outreach:LETTER:" + t[0])
                                .get("/api/v1/deliveries")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items")
                                .isEmpty()));
        double queued = seconds(t0);

        long t1 = System.nanoTime();
        // 202 + Location of the job that collects the letters and renders the PDF once; its result is the batch
        JsonPath batch = awaitImport(corporation()
                .queryParam("limit", 5000)
                .post("/api/v1/print-batches")
                .then()
                .statusCode(202)
                .extract()
                .header("Location"));
        assertEquals("SUCCEEDED", batch.getString("status"), batch.prettify());
        byte[] pdf = corporation()
                .accept("application/pdf")
                .get(batch.getString("resultLocation") + "/letters.pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        double printed = seconds(t1);
        Set<String> names = new LinkedHashSet<>();
        residents.forEach(t -> names.add(t[1]));
        String qr = null;
        int pages;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            pages = document.getNumberOfPages();
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            for (String name : names) {
                if (!name.matches(".*\\p{IsArabic}.*")) { // Arabic is checked as drawn by notification's LetterPdfTest
                    assertTrue(text.contains(name), name + " is printed as written");
                }
            }
            // our letters' QR codes, as a phone reads the paper (the batch may also hold other sources' letters)
            for (int page = 0; page < Math.min(pages, 50) && qr == null; page++) {
                java.awt.image.BufferedImage image = new org.apache.pdfbox.rendering.PDFRenderer(document)
                        .renderImageWithDPI(page, 200, org.apache.pdfbox.rendering.ImageType.RGB);
                int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
                try {
                    String decoded = new com.google.zxing.qrcode.QRCodeReader()
                            .decode(
                                    new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                                            new com.google.zxing.RGBLuminanceSource(
                                                    image.getWidth(), image.getHeight(), pixels))),
                                    Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
                            .getText();
                    qr = decoded.contains("/aanmelden.html#") ? decoded : null;
                } catch (com.google.zxing.ReaderException noCodeOnThisPage) {
                    // a letter without a link: the next page
                }
            }
        }
        assertTrue(pages >= residents.size(), pages + " pages for " + residents.size() + " letters");
        assertTrue(
                qr != null && qr.matches(".*/aanmelden\\.html#[A-Za-z0-9_-]{43}"),
                "the QR code is the personal sign-up link: " + qr);
        // the tenant scans it and signs up: the token travelled in the fragment, the page posts it
        corporation()
                .body(Map.of("token", qr.substring(qr.indexOf('#') + 1), "motivation", "Via de brief"))
                .post("/api/v1/campaigns/token-signups")
                .then()
                .statusCode(201)
                .body("source", org.hamcrest.Matchers.equalTo("LETTER"));
        trial(
                "letters",
                "outreach by letter to %d tenants as a job, letters waiting after %.1f s; print batch of %d pages (%.1f MB PDF) made"
                        + " and downloaded through nginx in %.1f s; names as written (%s), the QR code signs the tenant up",
                residents.size(),
                queued,
                pages,
                pdf.length / 1e6,
                printed,
                String.join(", ", names));
    }

    @Test
    @Order(5)
    void aPopulationOfHalfAMillionIsCountedAndReachedWithinTheServicesHeaps() throws Exception {
        Stack stack = platform.stack();
        // Beyond the imported tenants, the rest of the population as recruitment holds it from tenants.profile.v1,
        // written
        // straight into its population table: importing that many through the gateway is the import trial's subject.
        int extra = Math.max(0, POPULATION - TENANTS);
        long t0 = System.nanoTime();
        try (java.sql.Connection db = platform.database("recruitment");
                java.sql.Statement sql = db.createStatement()) {
            sql.executeUpdate(
                    "INSERT INTO population_member (tenant_ref, complex_id, neighbourhood_code, age_band, household_type,"
                            + " dwelling_type, tenancy_band, language, household_key, updated_at)"
                            + " SELECT 'FT-" + tag + "-P' || i, 'FT-" + tag + "-PC' || (i % 2000),"
                            + " CASE WHEN i % 100 = 0 THEN '" + SMALL_NEIGHBOURHOOD
                            + "' ELSE 'BU0344' || lpad((i % 12)::text, 4, '0') END,"
                            + " (ARRAY['18-29','30-44','45-64','65-74','75+'])[1 + i % 5],"
                            + " (ARRAY['SINGLE','COUPLE','FAMILY_WITH_CHILDREN','SINGLE_PARENT','SHARED','OTHER'])[1 + i % 6],"
                            + " (ARRAY['APARTMENT','SINGLE_FAMILY_HOUSE','SENIOR_HOUSING','STUDENT_ROOM','OTHER'])[1 + i % 5],"
                            + " (ARRAY['0-2','3-9','10-19','20+'])[1 + i % 4], (ARRAY['nl','en','tr','ar','pl'])[1 + i % 5],"
                            + " 'FT-" + tag + "-H' || i, now() FROM generate_series(1, " + extra
                            + ") i ON CONFLICT DO NOTHING");
            sql.execute("ANALYZE population_member");
        }
        double seeded = seconds(t0);
        List<App> services = List.of(App.NOTIFICATION, App.CONSULTATION, App.PANEL, App.RECRUITMENT);
        HeapWatch heaps = new HeapWatch(stack, services);
        try {
            // A corporation's dashboard reading the whole population's representativeness and conversion, ten times
            // over.
            List<String> everywhere = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                everywhere.add("BU0344" + String.format("%04d", n));
            }
            everywhere.add(SMALL_NEIGHBOURHOOD);
            Map<String, Object> wide = campaign("TENANT_COUNCIL_STANDING", "Iedereen " + tag, 60, List.of());
            wide.put("eligibility", List.of(Map.of("attribute", "neighbourhoodCode", "values", everywhere)));
            String campaign = corporation()
                    .body(wide)
                    .post("/api/v1/campaigns")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            Journeys.agreeAndOpen(this::corporation, campaign);
            List<Double> representativeness = new ArrayList<>();
            List<Double> conversion = new ArrayList<>();
            long eligible = 0;
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                JsonPath report = corporation()
                        .get("/api/v1/campaigns/{id}/representativeness", campaign)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                representativeness.add(seconds(t) * 1000);
                eligible = report.<Map<String, Object>>getList("[0].rows").stream()
                        .mapToLong(r -> ((Number) r.get("population")).longValue())
                        .sum();
                t = System.nanoTime();
                corporation()
                        .get("/api/v1/campaigns/{id}/conversion", campaign)
                        .then()
                        .statusCode(200);
                conversion.add(seconds(t) * 1000);
            }
            assertTrue(eligible >= TENANTS + extra, "the whole population is counted: " + eligible);

            // The outreach of a neighbourhood in a population that large: one batch of a thousand in memory at a time.
            Map<String, Object> local = campaign("THEME_EVENING", "Buurt " + tag, 40, List.of());
            local.put(
                    "eligibility",
                    List.of(Map.of("attribute", "neighbourhoodCode", "values", List.of(SMALL_NEIGHBOURHOOD))));
            String evening = corporation()
                    .body(local)
                    .post("/api/v1/campaigns")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            Journeys.agreeAndOpen(this::corporation, evening);
            long t1 = System.nanoTime();
            String outreach = corporation()
                    .body(Map.of("source", "MAILING"))
                    .post("/api/v1/campaigns/{id}/outreach", evening)
                    .then()
                    .statusCode(202)
                    .extract()
                    .header("Location");
            JsonPath job = await().atMost(Duration.ofMinutes(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> corporation()
                                    .get(outreach)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath(),
                            j -> "SUCCEEDED".equals(j.getString("status")) || "FAILED".equals(j.getString("status")));
            assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
            assertEquals(extra / 100, job.getInt("result.messaged"), job.prettify());
            double reached = seconds(t1);
            assertEquals(List.of(), stack.newlyExited(), "no service ran out of its heap");
            trial(
                    "population",
                    "%,d tenants in the population (%,d seeded in %.1f s): representativeness median %.0f ms (max %.0f),"
                            + " conversion median %.0f ms (max %.0f), outreach job to %,d tenants of one neighbourhood in %.1f s;"
                            + " heap (-Xmx256m) at most %s",
                    eligible,
                    extra,
                    seeded,
                    median(representativeness),
                    java.util.Collections.max(representativeness),
                    median(conversion),
                    java.util.Collections.max(conversion),
                    job.getInt("result.messaged"),
                    reached,
                    heaps.peaks());
        } finally {
            heaps.close();
            // the journeys that run on this stack after the trial meet the population they expect
            try (java.sql.Connection db = platform.database("recruitment");
                    java.sql.Statement sql = db.createStatement()) {
                sql.executeUpdate("DELETE FROM population_member WHERE tenant_ref LIKE 'FT-" + tag + "-P%'");
            }
        }
    }

    @Test
    @Order(6)
    void aMailingToEveryImportedTenantIsPausedAndResumedAndReachesEachOnce() throws Exception {
        Stack stack = platform.stack();
        List<String> neighbourhoods = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            neighbourhoods.add("BU0344" + String.format("%04d", n));
        }
        // The earlier trials' emails (the draw's 1,700 outcome mails at full size) go out first, to the stack's own
        // server: the sink below counts every message, and a tenant of the pool would seem to get the mailing twice.
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    try (java.sql.Connection db = platform.database("notification");
                            java.sql.Statement sql = db.createStatement();
                            java.sql.ResultSet rs = sql.executeQuery(
                                    "SELECT count(*) FROM delivery WHERE channel = 'EMAIL' AND status IN ('QUEUED', 'SENDING')"
                                            + " AND mailing_id IS NULL AND next_attempt_at <= now()")) {
                        rs.next();
                        return rs.getLong(1) == 0;
                    }
                });
        try (CountingSmtpSink sink = new CountingSmtpSink()) {
            // notification-service sends to a sink that counts every message per recipient, as fast as it can
            Map<String, String> smtp = sink.notificationSettings(0);
            try {
                smtp.forEach((k, v) -> stack.override(App.NOTIFICATION, k, v));
                platform.stop(App.NOTIFICATION);
                platform.start(App.NOTIFICATION);
                String mailing = corporation()
                        .body(Map.of(
                                "name",
                                "Buurtonderzoek " + tag,
                                "templateKey",
                                "consultation.invitation",
                                "purpose",
                                "consultation",
                                "data",
                                Map.of(
                                        "consultationTitle",
                                        "Buurtonderzoek",
                                        "goal",
                                        "meedenken",
                                        "closesOn",
                                        "morgen",
                                        "invitationUrl",
                                        "https://meedoen.example/nieuws"),
                                "audience",
                                Map.of("segment", Map.of("neighbourhoodCode", neighbourhoods))))
                        .post("/api/v1/mailings")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                long t0 = System.nanoTime();
                corporation()
                        .body("{}")
                        .post("/api/v1/mailings/{id}/start", mailing)
                        .then()
                        .statusCode(200);
                int audience = TENANTS;
                await().atMost(Duration.ofMinutes(10))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> sink.messages() >= audience / 5);
                corporation()
                        .post("/api/v1/mailings/{id}/pause", mailing)
                        .then()
                        .statusCode(200);
                double paused = seconds(t0);
                await().atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> "PAUSED"
                                .equals(corporation()
                                        .get("/api/v1/mailings/{id}", mailing)
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .path("status")));
                Thread.sleep(2000); // what was in flight at the pause arrives; then nothing more may
                int atPause = sink.messages();
                Thread.sleep(3000);
                assertEquals(atPause, sink.messages(), "a paused mailing sends nothing");
                long t1 = System.nanoTime();
                corporation()
                        .post("/api/v1/mailings/{id}/resume", mailing)
                        .then()
                        .statusCode(200);
                JsonPath done = await().atMost(Duration.ofMinutes(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> corporation()
                                        .get("/api/v1/mailings/{id}", mailing)
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath(),
                                j -> "COMPLETED".equals(j.getString("status")));
                double resumed = seconds(t1);
                Thread.sleep(1000); // a duplicate would arrive after the last original: give it the chance
                long sent = done.getLong("progress.counts.SENT");
                List<String> wrong = new ArrayList<>();
                int emailed = 0;
                for (int i = 0; i < TENANTS; i++) {
                    int got = sink.count("ft" + i + "@example.nl");
                    emailed += got;
                    if (got > 1) {
                        wrong.add("ft" + i + ": " + got);
                    }
                }
                assertEquals(List.of(), wrong, "recipients with more than one message");
                assertEquals(
                        sent, sink.messages(), "every SENT delivery is one message at the sink: " + done.prettify());
                assertEquals(sent, emailed, done.prettify());
                assertTrue(sent >= TENANTS / 2, "most tenants have an email address: " + done.prettify());
                trial(
                        "mailing",
                        "%,d tenants (deliveries %s: the rest by letter), paused after %.1f s with %,d emails at the sink,"
                                + " none while paused, resumed and COMPLETED %.1f s later; %,d emails at the sink, none twice",
                        done.getInt("progress.audienceSize"),
                        done.getMap("progress.counts"),
                        paused,
                        atPause,
                        resumed,
                        sink.messages());
            } finally {
                smtp.keySet().forEach(k -> stack.override(App.NOTIFICATION, k, null));
                platform.stop(App.NOTIFICATION);
                platform.start(App.NOTIFICATION);
            }
        }
    }

    @Test
    @Order(7)
    void anExportOfAHundredThousandResponsesIsAJobAndItsFileIsWhole() throws Exception {
        String consultation = corporation()
                .body(Map.of(
                        "kind",
                        "SURVEY",
                        "languages",
                        List.of("nl"),
                        "title",
                        Map.of("nl", "Tevredenheid " + tag),
                        "anonymity",
                        "PSEUDONYMOUS",
                        "audience",
                        Map.of("type", "LIST", "tenantRefs", List.of(tenants.get(0)[0]))))
                .post("/api/v1/consultations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        corporation()
                .header("If-Match", "\"0\"")
                .body("""
                {"questions":[
                  {"id":"q1","type":"SINGLE_CHOICE","text":{"nl":"Tevreden?"},"required":true,
                   "options":[{"value":"yes","text":{"nl":"Ja"}},{"value":"no","text":{"nl":"Nee"}}]},
                  {"id":"q2","type":"SCALE","text":{"nl":"Cijfer"},"min":1,"max":5},
                  {"id":"q3","type":"TEXT","text":{"nl":"Opmerkingen"}}]}""")
                .put("/api/v1/consultations/{id}/questionnaire", consultation)
                .then()
                .statusCode(200);
        corporation()
                .header("If-Match", "\"1\"")
                .body("""
                {"goal":{"nl":"meten"},"canInfluence":{"nl":"alles"},"cannotInfluence":{"nl":"niets"},"influenceLevel":"CONSULT",
                 "outcomeUse":{"nl":"rapport"},"outcomeBy":"2030-01-01"}""")
                .put("/api/v1/consultations/{id}/statement", consultation)
                .then()
                .statusCode(200);
        corporation()
                .post("/api/v1/consultations/{id}/open", consultation)
                .then()
                .statusCode(200);
        // The responses as submissions leave them (one row each); submitting them one by one is the consultation
        // benchmark's subject.
        long t0 = System.nanoTime();
        try (java.sql.Connection db = platform.database("consultation");
                java.sql.Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO response (id, consultation_id, questionnaire_version, submitted_on, answers)"
                    + " SELECT gen_random_uuid(), c.id, c.questionnaire_version, current_date - (i % 20), '{\"q1\":\"'"
                    + " || CASE WHEN i % 3 = 0 THEN 'no' ELSE 'yes' END || '\",\"q2\":' || (1 + i % 5) || ',\"q3\":\"=1+1; regel '"
                    + " || i || '\"}' FROM consultation c, generate_series(1, " + RESPONSES + ") i WHERE c.id = '"
                    + consultation + "'");
        }
        double seeded = seconds(t0);
        // Too many for one request: the direct route says so and names the job instead of running into the gateway's
        // timeout.
        corporation()
                .get("/api/v1/consultations/{id}/exports/responses.csv", consultation)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("export-too-large"));

        long t1 = System.nanoTime();
        String location = corporation()
                .body(Map.of("format", "responses.csv", "dialect", "excel-nl"))
                .post("/api/v1/consultations/{id}/exports", consultation)
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        double answered = seconds(t1);
        Set<Long> progress = new LinkedHashSet<>();
        JsonPath job;
        while (true) {
            job = corporation().get(location).then().statusCode(200).extract().jsonPath();
            if (job.get("done") != null) {
                progress.add(job.getLong("done"));
            }
            String status = job.getString("status");
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                break;
            }
            assertTrue(seconds(t1) < 600, "the export is still " + status + " after 10 minutes: " + job.prettify());
            Thread.sleep(200);
        }
        double written = seconds(t1);
        assertEquals("SUCCEEDED", job.getString("status"), job.prettify());
        long t2 = System.nanoTime();
        byte[] file = corporation()
                .get(job.getString("resultLocation"))
                .then()
                .statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"))
                .extract()
                .asByteArray();
        double downloaded = seconds(t2);
        String text = new String(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "Excel's byte-order mark");
        long rows = text.lines().count() - 1;
        assertEquals(RESPONSES, rows, "one line per response after the header");
        assertTrue(
                text.lines().skip(1).allMatch(line -> line.contains(";") && !line.contains(";=1+1")),
                "';'-separated, formulas defused");
        trial(
                "export",
                "%,d responses (seeded in %.1f s): the direct route 409 export-too-large; the job answered 202 after %.2f s and"
                        + " SUCCEEDED after %.1f s (%d progress readings), the %.1f MB Excel CSV downloaded through nginx in %.1f s, every row in it",
                RESPONSES,
                seeded,
                answered,
                written,
                progress.size(),
                file.length / 1e6,
                downloaded);
    }

    /**
     * Samples each service's used heap (its Prometheus metrics) every 200 ms and keeps the highest. Used heap counts the
     * garbage not collected yet, and G1 lets it grow to nearly the whole heap before it collects, so the highest size of
     * the old generation after a collection ({@code jvm_gc_live_data_size_bytes}) is kept too: that is what the service
     * holds on to.
     */
    private static final class HeapWatch implements AutoCloseable {
        private final Map<App, Double> peaks = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final Map<App, Double> livePeaks = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final java.util.concurrent.ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor();

        HeapWatch(Stack stack, List<App> apps) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.regex.Pattern heap = java.util.regex.Pattern.compile(
                    "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+-]+)$");
            java.util.regex.Pattern live =
                    java.util.regex.Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.E+-]+)$");
            timer.scheduleWithFixedDelay(
                    () -> {
                        for (App app : apps) {
                            try {
                                String metrics = http.send(
                                                java.net.http.HttpRequest.newBuilder(
                                                                java.net.URI.create(stack.url(app) + "/q/metrics"))
                                                        .build(),
                                                java.net.http.HttpResponse.BodyHandlers.ofString())
                                        .body();
                                double used = 0;
                                java.util.regex.Matcher m = heap.matcher(metrics);
                                while (m.find()) {
                                    used += Double.parseDouble(m.group(1));
                                }
                                peaks.merge(app, used, Math::max);
                                java.util.regex.Matcher l = live.matcher(metrics);
                                if (l.find()) {
                                    livePeaks.merge(app, Double.parseDouble(l.group(1)), Math::max);
                                }
                            } catch (IOException | RuntimeException e) {
                                // a missed sample; the next one counts
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
        }

        String peaks() {
            StringBuilder out = new StringBuilder();
            peaks.forEach((app, bytes) -> out.append(out.length() == 0 ? "" : ", ")
                    .append(app.key)
                    .append(' ')
                    .append(Math.round(bytes / (1 << 20)))
                    .append(" MB (")
                    .append(Math.round(livePeaks.getOrDefault(app, 0.0) / (1 << 20)))
                    .append(" MB after a collection)"));
            return out.toString();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A campaign open for sign-ups now, for the tenants of {@code complexes}. */
    private static Map<String, Object> campaign(String form, String title, int seats, List<String> complexes) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> campaign = new java.util.HashMap<>();
        campaign.put("form", form);
        campaign.put("organiserParty", "corporation");
        campaign.put("title", title);
        campaign.put("theme", "Wonen in de wijk");
        campaign.put("seats", seats);
        campaign.put("signupOpens", today.minusDays(1).toString());
        campaign.put("signupCloses", today.plusDays(10).toString());
        campaign.put("termEnd", today.plusYears(1).toString());
        campaign.put("eligibility", List.of(Map.of("attribute", "complexId", "values", complexes)));
        campaign.put(
                "sessions", List.of(Map.of("startsAt", today.plusDays(30) + "T19:30:00+01:00", "place", "Buurthuis")));
        campaign.put("compensation", Map.of("type", "NONE", "amountCents", 0));
        return campaign;
    }

    /** A raw HTTP/1.1 POST from a given loopback address (each tenant its own peer address at nginx); the status code. */
    private int post(String from, String path, String json, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
            socket.setSoTimeout(30_000);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path
                    + " HTTP/1.1\r\nHost: meedoen.example\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n"
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** The tenant file as Dutch Excel saves "CSV UTF-8": BOM, ';', CRLF, a quoted value with a ';' and a line break. */
    private byte[] excelCsv() throws IOException {
        Random random = new Random(42);
        String[] households = {
            "SINGLE", "SINGLE", "SINGLE", "COUPLE", "COUPLE", "FAMILY_WITH_CHILDREN", "SINGLE_PARENT", "SHARED", "OTHER"
        };
        String[] dwellings = {
            "APARTMENT",
            "APARTMENT",
            "APARTMENT",
            "SINGLE_FAMILY_HOUSE",
            "SINGLE_FAMILY_HOUSE",
            "SENIOR_HOUSING",
            "STUDENT_ROOM",
            "OTHER"
        };
        String[] languages = {"nl", "nl", "nl", "nl", "nl", "nl", "en", "tr", "ar", "pl"};
        String[] names = {
            "Anna de Vries", "Łukasz Żółć", "Nguyễn Văn An", "İlkay Şahin", "محمد العلي", "Jan \"Bakker\"; sr."
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(TENANTS * 200);
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        StringBuilder csv =
                new StringBuilder("tenantRef;name;email;street;houseNumber;postcode;city;language;preferredChannel;"
                        + "complexId;neighbourhoodCode;birthYear;householdType;tenancyStart;dwellingType\r\n");
        for (int i = 0; i < TENANTS; i++) {
            if (i == TENANTS / 2) {
                // a row with a postcode that is none: reported with its row and field, the rest kept
                csv.append("FT-")
                        .append(tag)
                        .append(
                                "-bad;Onbekend;;Dorpsstraat;1;ABCD;Utrecht;nl;LETTER;C;BU03440101;1980;SINGLE;2000-01-01;OTHER\r\n");
            }
            String ref = "FT-" + tag + "-" + i;
            String complex = "FT-" + tag + "-C" + (int) Math.floor(40 * Math.pow(random.nextDouble(), 2));
            String neighbourhood =
                    "BU0344" + String.format("%04d", (int) Math.floor(12 * Math.pow(random.nextDouble(), 1.5)));
            int birthYear = 1930 + (int) (76 * Math.pow(random.nextDouble(), 0.8));
            String household = households[random.nextInt(households.length)];
            String dwelling = dwellings[random.nextInt(dwellings.length)];
            String language = languages[random.nextInt(languages.length)];
            String start = (1975 + random.nextInt(50)) + "-0" + (1 + random.nextInt(9)) + "-01";
            boolean letter = random.nextInt(4) == 0;
            String name = names[i % names.length];
            String quotedName = "\"" + name.replace("\"", "\"\"") + (i % 97 == 0 ? "\r\nt.a.v. de bewoner" : "") + "\"";
            csv.append(ref)
                    .append(';')
                    .append(quotedName)
                    .append(';')
                    .append(letter ? "" : "ft" + i + "@example.nl")
                    .append(';')
                    // one household per tenant: the draw keeps at most one per address
                    .append("Dorpsstraat;")
                    .append(1 + i % 500)
                    .append(';')
                    .append(1000 + i / 500 % 9000)
                    .append(" AB;Utrecht;")
                    .append(language)
                    .append(';')
                    .append(letter ? "LETTER" : "EMAIL")
                    .append(';')
                    .append(complex)
                    .append(';')
                    .append(neighbourhood)
                    .append(';')
                    .append(birthYear)
                    .append(';')
                    .append(household)
                    .append(';')
                    .append(start)
                    .append(';')
                    .append(dwelling)
                    .append("\r\n");
            tenants.add(new String[] {ref, name, null, null, null, null, null, language, null, complex});
            if (csv.length() > 1 << 20) {
                bytes.write(csv.toString().getBytes(StandardCharsets.UTF_8));
                csv.setLength(0);
            }
        }
        bytes.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private JsonPath awaitImport(String location) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = corporation()
                            .get(location)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    String status = last[0].getString("status");
                    return !"QUEUED".equals(status) && !"RUNNING".equals(status) && !"RECEIVED".equals(status);
                });
        return last[0];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void trial(String name, String format, Object... args) {
        System.out.println("[field-trial] " + name + ": " + String.format(java.util.Locale.ROOT, format, args));
    }
}

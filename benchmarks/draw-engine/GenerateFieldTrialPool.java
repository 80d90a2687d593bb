import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The field trial's stratified draw at full size as CLI input: the pool of 1,700 sign-ups for 110 seats that
 * {@code local-stack/src/test/java/nl/meedoen/localstack/FieldTrialIT.java} builds (tenant file from
 * {@code new Random(42)}, 200,000 tenants, every 117th tenant signs up), profiled on the seven population attributes
 * as the platform bands them (complex, neighbourhood, age band, household type, dwelling type, tenancy band,
 * language), quotas as the trial sets them: for a value with n sign-ups, expected = n * seats / pool,
 * min floor(0.6 expected), max ceil(1.4 expected) + 1; household rule on (every tenant has an address of their own).
 *
 * <p>Run: java -Xmx256m GenerateFieldTrialPool.java OUTDIR [TODAY]   (TODAY, for the age and tenancy bands, default
 * 2026-12-01)
 */
public class GenerateFieldTrialPool {
    static final int TENANTS = 200_000;
    static final int POOL = 1_700;
    static final int SEATS = 110;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        LocalDate today = LocalDate.parse(args.length > 1 ? args[1] : "2026-12-01");
        String[] attributes = {
            "complexId", "neighbourhoodCode", "ageBand", "householdType", "dwellingType", "tenancyBand", "language"
        };
        // FieldTrialIT.excelCsv(): the same draws from the same generator, in the same order
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
        List<String[]> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            String complex = "C" + (int) Math.floor(40 * Math.pow(random.nextDouble(), 2));
            String neighbourhood =
                    "BU0344" + String.format("%04d", (int) Math.floor(12 * Math.pow(random.nextDouble(), 1.5)));
            int birthYear = 1930 + (int) (76 * Math.pow(random.nextDouble(), 0.8));
            String household = households[random.nextInt(households.length)];
            String dwelling = dwellings[random.nextInt(dwellings.length)];
            String language = languages[random.nextInt(languages.length)];
            LocalDate start = LocalDate.of(1975 + random.nextInt(50), 1 + random.nextInt(9), 1);
            random.nextInt(4); // letter or email
            String address = (1000 + i / 500 % 9000) + " AB " + (1 + i % 500);
            tenants.add(new String[] {
                "FT-" + i,
                complex,
                neighbourhood,
                ageBand(birthYear, today),
                household,
                dwelling,
                tenancyBand(start, today),
                language,
                address
            });
        }
        // FieldTrialIT: for (i = 0; i < TENANTS && pool.size() < POOL; i += max(1, TENANTS / POOL))
        List<String[]> pool = new ArrayList<>();
        for (int i = 0; i < TENANTS && pool.size() < POOL; i += Math.max(1, TENANTS / POOL)) {
            pool.add(tenants.get(i));
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int a = 0; a < attributes.length; a++) {
            Map<String, Integer> c = new LinkedHashMap<>();
            for (String[] t : pool) {
                c.merge(t[1 + a], 1, Integer::sum);
            }
            counts.add(c);
        }
        Files.createDirectories(dir);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("categories.csv")))) {
            w.println("category,feature,min,max");
            for (int a = 0; a < attributes.length; a++) {
                for (Map.Entry<String, Integer> e : counts.get(a).entrySet()) {
                    double expected = (double) e.getValue() * SEATS / POOL;
                    w.println(attributes[a] + "," + e.getKey() + "," + (int) Math.floor(expected * 0.6) + ","
                            + ((int) Math.ceil(expected * 1.4) + 1));
                }
            }
        }
        Set<String> profiles = new HashSet<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("respondents.csv")))) {
            w.println("id," + String.join(",", attributes) + ",household");
            for (String[] t : pool) {
                w.println(String.join(",", t));
                profiles.add(String.join(",", List.of(t).subList(1, 1 + attributes.length)));
            }
        }
        System.out.println(dir + ": " + pool.size() + " sign-ups, " + SEATS + " seats, " + profiles.size()
                + " distinct profiles");
    }

    static String ageBand(int birthYear, LocalDate today) {
        int age = today.getYear() - birthYear;
        return age < 18 ? "under-18" : age < 35 ? "18-34" : age < 50 ? "35-49" : age < 65 ? "50-64" : age < 80 ? "65-79" : "80+";
    }

    static String tenancyBand(LocalDate start, LocalDate today) {
        int years = Period.between(start, today).getYears();
        return years < 2 ? "0-1" : years < 5 ? "2-4" : years < 10 ? "5-9" : years < 20 ? "10-19" : "20+";
    }
}

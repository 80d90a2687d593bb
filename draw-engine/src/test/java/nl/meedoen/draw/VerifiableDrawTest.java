package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiableDrawTest {
    private final DrawEngine engine = new DrawEngine();

    @Test
    void commitThenDrawThenVerify() {
        DrawInput input = Fixtures.example(Algorithm.LEXIMIN);
        DrawRecord committed = engine.commit(input);
        assertNull(committed.seed());
        assertEquals(64, committed.commitment().length());
        assertEquals(committed.commitment(), engine.commit(input).commitment(), "the commitment is deterministic");
        DrawRecord drawn = engine.draw(committed, "3-6-1-4 rolled at the tenant meeting");
        assertTrue(Fixtures.satisfiesQuotas(input, drawn.result().selected()));
        Verification v = engine.verify(DrawRecords.toJson(drawn), committed.commitment(), true);
        assertTrue(v.match(), v.differences().toString());
        assertTrue(v.checked()
                .containsAll(List.of(
                        "commitment", "published commitment", "inputs", "distribution", "result", "leximin optimum")));
        // the record survives a JSON round trip unchanged
        assertEquals(DrawRecords.toJson(drawn), DrawRecords.toJson(DrawRecords.fromJson(DrawRecords.toJson(drawn))));
    }

    @Test
    void aCopyWithHouseholdKeysRedactedVerifiesButForTheInputsHash() {
        List<Person> pool = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pool.add(new Person("p" + i, java.util.Map.of(), "3512AB|" + (i / 2) + "|")); // four households of two
        }
        for (Algorithm algorithm : Algorithm.values()) {
            DrawRecord drawn = engine.draw(new DrawInput(pool, List.of(), 3, algorithm, true), "5-2-4");
            String redacted = DrawRecords.withHouseholdsRedacted(DrawRecords.toJson(drawn));
            assertFalse(redacted.contains("3512AB"), redacted);
            Verification v = engine.verify(redacted, drawn.commitment(), true);
            assertTrue(v.match(), algorithm + ": " + v.differences());
            assertFalse(v.checked().contains("commitment"), v.checked().toString());
            assertTrue(
                    v.checked().contains(DrawRecords.COMMITMENT_NOT_RECOMPUTED),
                    v.checked().toString());
            // the copy without its mark is a record whose inputs do not hash to its commitment
            assertFalse(engine.verify(
                            redacted.replace("\"householdsRedacted\" : true", "\"householdsRedacted\" : false"),
                            null,
                            false)
                    .match());
            // a household that is not a draw key: refused, not parsed
            assertFalse(engine.verify(
                            redacted.replaceFirst("\"household\" : \"[0-9a-f]{64}\"", "\"household\" : \"x\""),
                            null,
                            false)
                    .match());
        }
    }

    @Test
    void tamperingIsDetected() {
        DrawRecord drawn = engine.draw(Fixtures.example(Algorithm.LEXIMIN), "seed");
        String json = DrawRecords.toJson(drawn);

        // another seed: the published result no longer follows
        Verification seed = engine.verify(json.replace("\"seed\" : \"seed\"", "\"seed\" : \"other\""), null, false);
        assertFalse(seed.match());
        assertTrue(
                seed.differences().stream().anyMatch(d -> d.startsWith("result")),
                seed.differences().toString());

        // an input changed: the commitment no longer matches
        Verification input = engine.verify(
                json.replaceFirst("\"female\", \"conservative\"", "\"male\", \"conservative\""), null, false);
        assertFalse(input.match());
        assertTrue(
                input.differences().get(0).startsWith("commitment"),
                input.differences().toString());

        // the result changed: someone swapped in
        List<String> selected = new ArrayList<>(drawn.result().selected());
        String outsider = drawn.result().waitlist().get(0);
        selected.set(0, outsider);
        DrawRecord forged = new DrawRecord(
                drawn.engine(),
                drawn.input(),
                drawn.distribution(),
                drawn.commitment(),
                drawn.seed(),
                new DrawRecord.Result(
                        drawn.result().panel(), selected, drawn.result().waitlist()),
                drawn.probabilities());
        Verification result = engine.verify(forged);
        assertFalse(result.match());
        assertTrue(result.differences().stream().anyMatch(d -> d.startsWith("result.selected")));

        // a different commitment than the one published before the seed
        Verification published = engine.verify(json, "00".repeat(32), false);
        assertFalse(published.match());
    }

    @Test
    void aCommittedDistributionThatIsNotOptimalFailsTheRecomputation() {
        DrawInput input = Fixtures.example(Algorithm.LEXIMIN);
        DrawRecord honest = engine.commit(input);
        // put all tickets on the first panel and re-hash: self-consistent, but not the LEXIMIN optimum
        Distribution d = honest.distribution();
        List<Distribution.Panel> panels = new ArrayList<>();
        for (int i = 0; i < d.panels().size(); i++) {
            panels.add(new Distribution.Panel(d.panels().get(i).counts(), i == 0 ? Distribution.TICKETS : 0));
        }
        panels.removeIf(p -> p.tickets() == 0);
        Distribution skewed = new Distribution(d.types(), panels);
        String commitment = DrawRecords.commitment(DrawRecords.committed(DrawEngine.ENGINE, input, skewed));
        DrawRecord cheat =
                engine.draw(new DrawRecord(DrawEngine.ENGINE, input, skewed, commitment, null, null, null), "seed");
        assertTrue(engine.verify(DrawRecords.toJson(cheat), null, false).match(), "consistent in itself");
        Verification v = engine.verify(DrawRecords.toJson(cheat), null, true);
        assertFalse(v.match());
        assertTrue(
                v.differences().get(0).startsWith("leximin optimum"),
                v.differences().toString());
        assertNotEquals(honest.commitment(), commitment);
    }

    @Test
    void uniformRecordsVerifyToo() {
        DrawInput input = UniformTest.pool(30, 4, true);
        DrawRecord drawn = engine.draw(input, "dice 2 5 6");
        assertTrue(engine.verify(drawn).match());
        assertNull(drawn.distribution());
    }

    @Test
    void canonicalJsonFollowsRfc8785ForItsSubset() {
        Object value = java.util.Map.of(
                "b", 1, "a", List.of("x\n\"é", true), "c", java.util.Collections.singletonMap("z", null));
        assertEquals("{\"a\":[\"x\\n\\\"é\",true],\"b\":1,\"c\":{\"z\":null}}", CanonicalJson.write(value));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalJson.sha256Hex(""));
    }
}

package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.meedoen.draw.DrawRecords.SeedCeremony;
import nl.meedoen.draw.DrawRecords.SeedParty;
import org.junit.jupiter.api.Test;

/** A seed from a multi-party ceremony: recomputable by anyone from the record, and any tampering shows. */
class SeedCeremonyTest {
    private final DrawEngine engine = new DrawEngine();

    private static SeedParty party(String name, String secret) {
        return new SeedParty(
                name, DrawRecords.commitmentTo(secret), null, secret, "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z");
    }

    private String drawnWith(SeedCeremony ceremony) {
        DrawRecord committed = engine.commit(Fixtures.example(Algorithm.LEXIMIN));
        DrawRecord drawn = engine.draw(committed, ceremony.seed(committed.commitment()));
        return DrawRecords.toJson(drawn, ceremony);
    }

    @Test
    void theSeedFollowsFromTheCommitmentAndEveryRevealAndTheRecordVerifies() {
        SeedCeremony ceremony = new SeedCeremony(
                "2026-12-08T12:00:00Z",
                List.of(
                        party("tenant-organisation", "b7e1c0d2a9f34e51b7e1c0d2a9f34e51"),
                        party("corporation", "4f0c8a1be2d94c7f4f0c8a1be2d94c7f"),
                        party("witness:Notaris De Vries", "3-6-1-4-2-5 gegooid")));
        String json = drawnWith(ceremony);
        Verification v = engine.verify(json, null, false);
        assertTrue(v.match(), v.differences().toString());
        assertTrue(v.checked().contains("seed ceremony"));
        assertEquals(ceremony, DrawRecords.seedCeremony(json));
        // the documented formula, written out: parties ordered by name, canonical JSON, SHA-256 hex
        String commitment = DrawRecords.fromJson(json).commitment();
        String canonical = "{\"commitment\":\"" + commitment + "\",\"reveals\":["
                + "{\"party\":\"corporation\",\"reveal\":\"4f0c8a1be2d94c7f4f0c8a1be2d94c7f\"},"
                + "{\"party\":\"tenant-organisation\",\"reveal\":\"b7e1c0d2a9f34e51b7e1c0d2a9f34e51\"},"
                + "{\"party\":\"witness:Notaris De Vries\",\"reveal\":\"3-6-1-4-2-5 gegooid\"}]}";
        assertEquals(
                CanonicalJson.sha256Hex(canonical), DrawRecords.fromJson(json).seed());
        // the order in the record does not matter, only the names
        assertEquals(
                ceremony.seed(commitment),
                new SeedCeremony(
                                null,
                                List.of(
                                        ceremony.parties().get(2),
                                        ceremony.parties().get(1),
                                        ceremony.parties().get(0)))
                        .seed(commitment));
    }

    @Test
    void aTamperedRevealFailsVerification() {
        String json = drawnWith(new SeedCeremony(
                null,
                List.of(
                        party("corporation", "4f0c8a1be2d94c7f4f0c8a1be2d94c7f"),
                        party("tenant-organisation", "b7e1c0d2a9f34e51b7e1c0d2a9f34e51"))));
        Verification v = engine.verify(
                json.replace(
                        "\"reveal\" : \"b7e1c0d2a9f34e51b7e1c0d2a9f34e51\"",
                        "\"reveal\" : \"b7e1c0d2a9f34e51b7e1c0d2a9f34e52\""),
                null,
                false);
        assertFalse(v.match());
        assertTrue(
                v.differences().stream().anyMatch(d -> d.contains("the reveal of tenant-organisation hashes to")),
                v.differences().toString());
        assertTrue(
                v.differences().stream().anyMatch(d -> d.contains("give the seed")),
                v.differences().toString());
    }

    @Test
    void aSeedThatDoesNotFollowFromTheRevealsFailsEvenWithAConsistentResult() {
        SeedCeremony ceremony = new SeedCeremony(
                null,
                List.of(
                        party("corporation", "4f0c8a1be2d94c7f4f0c8a1be2d94c7f"),
                        party("tenant-organisation", "b7e1c0d2a9f34e51b7e1c0d2a9f34e51")));
        DrawRecord committed = engine.commit(Fixtures.example(Algorithm.LEXIMIN));
        // the organiser's own seed, with a result that does follow from it, dressed up with the ceremony
        String json = DrawRecords.toJson(engine.draw(committed, "a seed the organiser liked"), ceremony);
        Verification v = engine.verify(json, null, false);
        assertFalse(v.match());
        assertEquals(1, v.differences().size(), v.differences().toString());
        assertTrue(v.differences().get(0).startsWith("seedCeremony: the commitments and reveals give the seed"));
    }

    @Test
    void aMissingRevealIsNamedAndStillVerifiesButAWrongMissingListDoesNot() {
        SeedParty silent = new SeedParty(
                "tenant-organisation",
                DrawRecords.commitmentTo("never told"),
                null,
                null,
                "2026-12-01T10:00:00Z",
                null);
        SeedCeremony ceremony = new SeedCeremony(
                "2026-12-08T12:00:00Z", List.of(party("corporation", "4f0c8a1be2d94c7f4f0c8a1be2d94c7f"), silent));
        assertEquals(List.of("tenant-organisation"), ceremony.missing());
        String json = drawnWith(ceremony);
        assertTrue(engine.verify(json, null, false).match());
        Verification hidden = engine.verify(
                json.replace("\"missing\" : [ \"tenant-organisation\" ]", "\"missing\" : [ ]"), null, false);
        assertFalse(hidden.match());
        assertTrue(
                hidden.differences().get(0).startsWith("seedCeremony.missing"),
                hidden.differences().toString());
    }

    @Test
    void theCliVerifiesTheCeremonyToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String json = drawnWith(new SeedCeremony(
                null,
                List.of(
                        party("corporation", "4f0c8a1be2d94c7f4f0c8a1be2d94c7f"),
                        party("tenant-organisation", "b7e1c0d2a9f34e51b7e1c0d2a9f34e51"))));
        java.nio.file.Path good = java.nio.file.Files.writeString(dir.resolve("good.json"), json);
        java.nio.file.Path bad = java.nio.file.Files.writeString(
                dir.resolve("bad.json"),
                json.replace("b7e1c0d2a9f34e51b7e1c0d2a9f34e51\"", "b7e1c0d2a9f34e51b7e1c0d2a9f34e5f\""));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(
                0, nl.meedoen.draw.cli.Main.run(new String[] {"verify", "--record", good.toString()}, print, print));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("seed ceremony"));
        out.reset();
        assertEquals(
                1, nl.meedoen.draw.cli.Main.run(new String[] {"verify", "--record", bad.toString()}, print, print));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("the reveal of tenant-organisation"));
    }

    @Test
    void aRecordWithoutACeremonyHasNone() {
        String json = DrawRecords.toJson(engine.draw(Fixtures.example(Algorithm.UNIFORM), "7-1-3"));
        assertNull(DrawRecords.seedCeremony(json));
        assertFalse(json.contains("seedCeremony"));
        Verification v = engine.verify(json, null, false);
        assertTrue(v.match(), v.differences().toString());
        assertFalse(v.checked().contains("seed ceremony"));
    }
}

package nl.meedoen.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawMonitorTest {

    /** Records what the engine reports; cancels once it has seen {@code cancelAfter} reports. */
    static final class Recorder implements DrawMonitor {
        final List<String> phases = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(String phase, long done, long total) {
            assertTrue(done <= total, "done " + done + " of " + total);
            phases.add(phase);
        }

        @Override
        public boolean cancelled() {
            return phases.size() >= cancelAfter;
        }
    }

    @Test
    void aLeximinCommitmentReportsItsPhasesAndGivesTheSameRecordAsWithoutAMonitor() {
        DrawInput input = Fixtures.example(Algorithm.LEXIMIN);
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        DrawRecord followed = new DrawEngine().commit(input, recorder);
        assertEquals(new DrawEngine().commit(input).commitment(), followed.commitment());
        assertEquals("checking the quotas", recorder.phases.get(0));
        assertTrue(recorder.phases.contains("leximin: relaxation"), recorder.phases.toString());
    }

    @Test
    void aCancelledCommitmentStopsWithTheCancelledCode() {
        Recorder recorder = new Recorder(1);
        DrawException e = assertThrows(
                DrawException.class, () -> new DrawEngine().commit(Fixtures.example(Algorithm.LEXIMIN), recorder));
        assertEquals(DrawException.CANCELLED, e.code());
        assertFalse(
                recorder.phases.contains("leximin: relaxation"), "stopped before the relaxation: " + recorder.phases);
    }

    @Test
    void aSkewedPoolReportsPeelingAndDecompositionAndGivesTheSameRecordTwice() {
        DrawInput input = SkewedLeximinTest.skewedPool();
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        DrawRecord followed = new DrawEngine().commit(input, recorder);
        // deterministic: the same distribution, so the same commitment, with or without a monitor
        assertEquals(new DrawEngine().commit(input).commitment(), followed.commitment());
        assertTrue(recorder.phases.contains("leximin: peeling"), recorder.phases.toString());
        assertTrue(
                recorder.phases.stream().anyMatch(p -> p.startsWith("leximin: decomposition, ")),
                recorder.phases.toString());
        assertEquals("leximin: distribution found", recorder.phases.get(recorder.phases.size() - 1));
    }
}

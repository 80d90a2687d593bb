package nl.meedoen.commons;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the test notes; a "poison" note fails (and is parked on the dead-letter topic) until the bug is fixed. */
@ApplicationScoped
public class NoteConsumer {

    static volatile boolean fixed;
    static final Set<String> PROCESSED = ConcurrentHashMap.newKeySet();

    @Incoming("test-notes")
    @Blocking
    public void consume(String payload) {
        if (payload.contains("poison") && !fixed) {
            throw new IllegalStateException("cannot handle a poison note yet");
        }
        PROCESSED.add(payload);
    }
}

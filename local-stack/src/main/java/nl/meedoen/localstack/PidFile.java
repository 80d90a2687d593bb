package nl.meedoen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The child pids of a running stack, kept in its data folder. A launcher that was killed hard
 * (kill -9, a crashed terminal) cannot stop its children; the next start stops them via this file.
 * The start time is recorded too, so a pid the OS has since reused for another program is left alone.
 */
final class PidFile {

    private final Path file;

    PidFile(Path file) {
        this.file = file;
    }

    void write(Collection<ChildProcess> children) {
        List<String> lines = new ArrayList<>();
        for (ChildProcess child : children) {
            if (child.isAlive()) {
                ProcessHandle handle = child.handle();
                long started =
                        handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
                lines.add(child.app.module + " " + handle.pid() + " " + started);
            }
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the processes of an earlier run that are still alive; returns their names. */
    List<String> stopLeftovers() {
        List<String> stopped = new ArrayList<>();
        if (!Files.exists(file)) {
            return stopped;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ");
                if (parts.length != 3) {
                    continue;
                }
                long recordedStart = Long.parseLong(parts[2]);
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[1]))
                        .filter(h -> h.info()
                                .startInstant()
                                .map(s -> Math.abs(s.toEpochMilli() - recordedStart) < 1000)
                                .orElse(false));
                if (handle.isPresent()) {
                    handle.get().destroy(); // SIGTERM first: let it shut down cleanly
                    leftovers.add(handle.get());
                    stopped.add(parts[0] + " (pid " + parts[1] + ")");
                }
            }
            for (ProcessHandle handle : leftovers) {
                try {
                    handle.onExit().get(15, TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                    try {
                        handle.onExit().get(5, TimeUnit.SECONDS); // its ports must be free before we start
                    } catch (Exception ignored) {
                        // the port check that follows names whatever still holds a port
                    }
                }
            }
            Files.delete(file);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(
                    "could not read " + file + "; stop the listed processes yourself and delete it", e);
        }
        return stopped;
    }
}

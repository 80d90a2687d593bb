package nl.meedoen.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One application running as a separate JVM, its output appended to a log file. */
final class ChildProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final App app;
    final int port;
    final Path log;
    private final List<String> command;
    private Process process;

    ChildProcess(App app, int port, List<String> command, Path log) {
        this.app = app;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    void start() {
        try {
            // The command line without secret values: logs get copied into issues and chats.
            String shown = command.stream()
                    .map(arg -> arg.matches("-D[^=]*secret=.*") ? arg.replaceAll("=.*", "=***") : arg)
                    .collect(Collectors.joining(" "));
            Files.writeString(
                    log,
                    "==== " + OffsetDateTime.now() + " starting " + app.module + ": " + shown + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + app.module, e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** True when {@code /q/health/ready} answers 200. */
    boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully); the caller waits with {@link #awaitExit}. */
    void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** SIGKILL, as a crash would: no shutdown hooks, no graceful close; returns once the process is gone. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until {@code deadlineNanos}, then kills the process (SIGKILL) if it is still there. */
    void awaitExit(long deadlineNanos) {
        if (process == null) {
            return;
        }
        try {
            long wait = Math.max(0, deadlineNanos - System.nanoTime());
            if (!process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                System.err.println(app.module + " did not stop in time; killing it");
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}

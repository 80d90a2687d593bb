package nl.meedoen.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx in front of a gateway, configured as a Kubernetes ingress is: it appends the peer's address to
 * {@code X-Forwarded-For}, streams request bodies (no buffering, no size limit of its own) and waits as long as the
 * gateway may. Installed with apt-get when missing (as root, like Chromium for the browser test); fails, never skips.
 */
final class ReverseProxy implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private ReverseProxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts nginx on a free loopback port, proxying everything to {@code upstream} (host:port). */
    static ReverseProxy start(String upstream, Path dir) throws IOException, InterruptedException {
        install();
        Files.createDirectories(dir.resolve("logs"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 2048; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream gateway { server %2$s; keepalive 32; }
                    server {
                        listen 127.0.0.1:%3$d;
                        client_max_body_size 0;
                        location / {
                            proxy_pass http://gateway;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_request_buffering off;
                            proxy_buffering off;
                            proxy_read_timeout 600s;
                            proxy_send_timeout 600s;
                        }
                    }
                }
                """.formatted(dir, upstream, port));
        Process process = new ProcessBuilder(
                        NGINX.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/nginx.out").toFile())
                .start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > until) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "nginx did not start:\n" + Files.readString(dir.resolve("logs/nginx.out"))
                                    + (Files.exists(dir.resolve("logs/error.log"))
                                            ? Files.readString(dir.resolve("logs/error.log"))
                                            : ""));
                }
                Thread.sleep(100);
            }
        }
        return new ReverseProxy(process, port, dir);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path accessLog() {
        return dir.resolve("logs/access.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** apt-get install nginx-light, with services kept from starting (policy-rc.d), when nginx is missing. */
    private static void install() throws IOException, InterruptedException {
        if (Files.isExecutable(NGINX)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(
                    NGINX
                            + " is missing and this is not root: install Debian's nginx-light (apt-get install -y nginx-light)");
        }
        Path policy = Path.of("/usr/sbin/policy-rc.d");
        boolean ownPolicy = !Files.exists(policy);
        if (ownPolicy) {
            Files.writeString(policy, "#!/bin/sh\nexit 101\n"); // the package must not start a system nginx
            policy.toFile().setExecutable(true);
        }
        try {
            try {
                run("apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx-light");
            } catch (IllegalStateException staleIndex) { // a fresh machine may need the package lists first
                run("apt-get", "update", "-q");
                run("apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx-light");
            }
        } finally {
            if (ownPolicy) {
                Files.deleteIfExists(policy);
            }
        }
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException("apt-get installed nginx-light but " + NGINX + " is still missing");
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
    }
}

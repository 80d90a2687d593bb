package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an example's Node.js browser test (examples/*&#47;test/browser-test.mjs): its exact npm packages installed when
 * missing, then the script with its environment. Fails (never skips) when node or npm is missing.
 */
final class NodeScripts {

    private NodeScripts() {}

    /** Installs the example's exact npm packages (package-lock.json) unless each of these packages is there. */
    static void npmCi(Path example, Path out, String... packages) throws IOException, InterruptedException {
        boolean installed = true;
        for (String p : packages) {
            installed &= Files.isDirectory(example.resolve("node_modules").resolve(p));
        }
        if (installed) {
            return;
        }
        ProcessBuilder npm = new ProcessBuilder(tool("npm"), "ci", "--no-audit", "--no-fund")
                .directory(example.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("npm-ci.log").toFile());
        int exit = run(npm, 5);
        assertEquals(0, exit, "npm ci in " + example + " failed:\n" + Files.readString(out.resolve("npm-ci.log")));
    }

    /**
     * Runs {@code node test/browser-test.mjs} in the example with this environment (OUT_DIR is {@code out}), prints its
     * log and fails with it, naming where the screenshot is, when the script fails.
     */
    static void browserTest(Path example, Path out, Map<String, String> environment, long minutes)
            throws IOException, InterruptedException {
        ProcessBuilder browserTest = new ProcessBuilder(tool("node"), "test/browser-test.mjs")
                .directory(example.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("browser-test.log").toFile());
        browserTest.environment().putAll(environment);
        browserTest.environment().put("OUT_DIR", out.toString());
        int exit = run(browserTest, minutes);
        String log = Files.readString(out.resolve("browser-test.log"));
        System.out.println(log);
        assertEquals(0, exit, "the browser test failed (screenshot and page log in " + out + "):\n" + log);
    }

    /** node or npm from the PATH; a clear failure (not a skip) when Node.js is not installed. */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return fail(name + " is not on the PATH: the browser tests need Node.js 18+ with npm "
                + "(Debian: apt-get install -y nodejs npm) to run the examples' test/browser-test.mjs");
    }

    private static int run(ProcessBuilder builder, long minutes) throws IOException, InterruptedException {
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", builder.command()) + " did not finish within " + minutes + " minutes");
        }
        return process.exitValue();
    }
}

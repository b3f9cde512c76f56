package org.attnplanes.app.testutil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a copy of the {@code ./attnplanes} launcher as a real process (the AppCDS tests of app and spark): in its
 * folder, with the launcher's own environment variables ({@code ATTNPLANES_JAVA_OPTS}, {@code ATTNPLANES_CDS},
 * {@code ATTNPLANES_CDS_DIR}) cleared and then the given ones set, stdout to a file.
 */
public final class Launcher {

    private Launcher() {
    }

    /** A launcher copied into a folder: the script, the app jar and {@code app/target/classpath.txt} beside it. */
    public record Installed(Path launcher, Path jar, Path appTarget) {
    }

    /**
     * Copies the repository's {@code attnplanes} script, the built app jar and its {@code classpath.txt} into
     * {@code home} laid out as in the repository ({@code home/attnplanes}, {@code home/app/target/}); run from the
     * app module's folder (as failsafe does), after {@code mvn package}.
     */
    public static Installed install(Path home) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Path target = module.resolve("target");
        Path builtJar;
        try (Stream<Path> s = Files.list(target)) {
            builtJar = s.filter(p -> p.getFileName().toString().matches("attnplanes-app-.*\\.jar")
                    && !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no app jar in " + target + "; run mvn verify"));
        }
        Path appTarget = Files.createDirectories(home.resolve("app/target"));
        Path jar = Files.copy(builtJar, appTarget.resolve(builtJar.getFileName()));
        Files.copy(target.resolve("classpath.txt"), appTarget.resolve("classpath.txt"));
        Path launcher = Files.copy(module.getParent().resolve("attnplanes"), home.resolve("attnplanes"));
        assertTrue(launcher.toFile().setExecutable(true));
        return new Installed(launcher, jar, appTarget);
    }

    /** What a finished run printed and its exit status. */
    public record Run(int exit, String out, String err) {
    }

    /** A started launcher and the file its stdout goes to. */
    public record Started(Process process, Path out) {
    }

    /** Starts {@code bash home/attnplanes args…} in {@code home}. */
    public static Started start(Path home, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("attnplanes").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().remove("ATTNPLANES_JAVA_OPTS");
        pb.environment().remove("ATTNPLANES_CDS");
        pb.environment().remove("ATTNPLANES_CDS_DIR");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out-", ".txt");
        pb.redirectOutput(out.toFile());
        return new Started(pb.start(), out);
    }

    /** Waits for a started run (at most {@code seconds}) and collects its output. */
    public static Run finish(Started s, long seconds) throws Exception {
        byte[] err = s.process().getErrorStream().readAllBytes();
        assertTrue(s.process().waitFor(seconds, TimeUnit.SECONDS), "launcher did not finish");
        return new Run(s.process().exitValue(), Files.readString(s.out()), new String(err));
    }

    /** {@link #start} then {@link #finish}. */
    public static Run run(Path home, Map<String, String> env, long seconds, String... args) throws Exception {
        return finish(start(home, env, args), seconds);
    }
}

package org.attnplanes.render.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Debian {@code chromium} driven over the Chrome DevTools protocol (a WebSocket from
 * {@code java.net.http}), for the browser tests and the open-time benchmark of the HTML export. One page,
 * a fresh profile directory, no network services (see {@link #FLAGS}). Not thread-safe.
 */
public final class Chromium implements AutoCloseable {

    /** The browser binary (Debian package {@code chromium}). */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Flags: headless, no sandbox (containers), no GPU, nothing that talks to the network by itself. */
    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars");

    private static final Pattern WS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final String session;

    /** Whether the browser binary is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * For a browser test's {@code @BeforeAll}: fails when Chromium is missing but scripts/test demanded the oracles
     * ({@code ATTNPLANES_REQUIRE_ORACLES=1}, as in CI), else skips the test class without it.
     */
    public static void require() {
        if (!available() && "1".equals(System.getenv("ATTNPLANES_REQUIRE_ORACLES"))) {
            throw new AssertionError("Debian package chromium is missing, but ATTNPLANES_REQUIRE_ORACLES=1 (scripts/test)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "Debian package chromium is not installed (scripts/test installs it)");
    }

    /** Starts the browser with a {@code width × height} window and attaches to its page. */
    public static Chromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("attnplanes-chromium");
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + profile);
        cmd.add("--remote-debugging-port=0");
        cmd.add("--window-size=" + width + "," + height);
        cmd.add("about:blank");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TMPDIR", profile.toString());   // chromium's own temporary files go away with the profile
        Process p = pb.start();
        // a reader thread hands over the DevTools line when chromium prints it, then drains the rest of stderr
        CompletableFuture<String> address = new CompletableFuture<>();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = WS.matcher(line);
                    if (!address.isDone() && m.find()) {
                        address.complete(m.group(1));
                    } else if (!address.isDone()) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IOException("chromium closed stderr"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = address.get(60, TimeUnit.SECONDS);     // a safety net for a hung browser only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while chromium started", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("chromium did not print its DevTools address; stderr:\n" + log, e);
        }
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), listener).join();
        return new Chromium(p, profile, ws, listener);
    }

    /**
     * Starts a 1280 × 900 browser and opens a page written by {@link HtmlExporter}, returning once the page has drawn
     * its first frame ({@code data-ready}).
     */
    public static Chromium openPage(Path file) throws IOException {
        Chromium c = start(1280, 900);
        try {
            c.send("Page.enable");
            c.send("Page.navigate", params().put("url", file.toUri().toString()));
            c.waitFor("document.body && document.body.dataset.ready === 'true'");
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private Chromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner.complete(this);
        this.session = attachToPage();
    }

    private String attachToPage() {
        JsonNode targets = call(null, "Target.getTargets", JSON.createObjectNode());
        for (JsonNode t : targets.path("targetInfos")) {
            if ("page".equals(t.path("type").asText())) {
                ObjectNode params = JSON.createObjectNode().put("targetId", t.path("targetId").asText()).put("flatten", true);
                return call(null, "Target.attachToTarget", params).path("sessionId").asText();
            }
        }
        throw new IllegalStateException("chromium has no page target: " + targets);
    }

    /** Sends a command to the page and waits for its result (30 s at most). */
    public JsonNode send(String method, ObjectNode params) {
        return call(session, method, params);
    }

    /** {@link #send} with no parameters. */
    public JsonNode send(String method) {
        return send(method, JSON.createObjectNode());
    }

    /** A fresh parameter object. */
    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (socket) {
            socket.sendText(msg.toString(), true).join();
        }
        try {
            JsonNode reply = f.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no reply in 30 s", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its JSON value. */
    public JsonNode eval(String expression) {
        ObjectNode p = params().put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
        JsonNode r = send("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page threw for `" + expression + "`: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Waits until {@code expression} is true: the page itself re-checks it on every animation frame (the events
     * that can change it) and resolves a promise this call awaits; 20 s at most, as a safety net.
     */
    public void waitFor(String expression) {
        String js = "new Promise((resolve, reject) => {"
                + " const until = performance.now() + 20000;"
                + " const check = () => {"
                + "  let ok; try { ok = Boolean(" + expression + "); } catch (e) { reject(e); return; }"
                + "  if (ok) { resolve(true); }"
                + "  else if (performance.now() > until) { reject(new Error('timed out')); }"
                + "  else { requestAnimationFrame(check); } };"
                + " check(); })";
        try {
            eval(js);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("timed out waiting for " + expression + ": " + e.getMessage(), e);
        }
    }

    /** Every protocol event received so far whose method matches. */
    public List<JsonNode> events(Predicate<String> method) {
        return events.stream().filter(e -> method.test(e.path("method").asText())).toList();
    }

    /**
     * Waits for an event with the given method received after {@code since} events: woken by each arriving event
     * (20 s at most, as a safety net).
     */
    public JsonNode awaitEvent(String method, int since) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (events) {
            while (true) {
                for (int i = since; i < events.size(); i++) {
                    if (method.equals(events.get(i).path("method").asText())) {
                        return events.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + method + " event within 20 s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** The number of events received so far (a mark for {@link #awaitEvent}). */
    public int eventCount() {
        return events.size();
    }

    /** Moves the mouse to page coordinates {@code (x, y)}. */
    public void mouseMove(double x, double y) {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y));
    }

    /** A left click at page coordinates {@code (x, y)}. */
    public void click(double x, double y) {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y));
        send("Input.dispatchMouseEvent", params().put("type", "mousePressed").put("x", x).put("y", y)
                .put("button", "left").put("clickCount", 1));
        send("Input.dispatchMouseEvent", params().put("type", "mouseReleased").put("x", x).put("y", y)
                .put("button", "left").put("clickCount", 1));
    }

    /** A wheel turn at page coordinates {@code (x, y)}: {@code deltaY} pixels (negative = away from the user). */
    public void wheel(double x, double y, double deltaY) {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y));
        send("Input.dispatchMouseEvent", params().put("type", "mouseWheel").put("x", x).put("y", y)
                .put("deltaX", 0).put("deltaY", deltaY));
    }

    /** A left-button drag from {@code (x0, y0)} to {@code (x1, y1)} in {@code steps} moves. */
    public void drag(double x0, double y0, double x1, double y1, int steps) {
        drag(x0, y0, x1, y1, steps, 0);
    }

    /** {@link #drag(double, double, double, double, int)} holding modifier keys (DevTools bits: 8 = shift). */
    public void drag(double x0, double y0, double x1, double y1, int steps, int modifiers) {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x0).put("y", y0));
        send("Input.dispatchMouseEvent", params().put("type", "mousePressed").put("x", x0).put("y", y0)
                .put("button", "left").put("buttons", 1).put("clickCount", 1).put("modifiers", modifiers));
        for (int i = 1; i <= steps; i++) {
            double x = x0 + (x1 - x0) * i / steps;
            double y = y0 + (y1 - y0) * i / steps;
            send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y)
                    .put("button", "left").put("buttons", 1).put("modifiers", modifiers));
        }
        send("Input.dispatchMouseEvent", params().put("type", "mouseReleased").put("x", x1).put("y", y1)
                .put("button", "left").put("buttons", 0).put("clickCount", 1).put("modifiers", modifiers));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } catch (RuntimeException ignored) {
            // the browser is going away anyway
        }
        // the browser's helper processes (network service, renderers) write into the profile too: end them all
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : helpers) {
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteProfile();
    }

    /** Deletes the throw-away profile; a file that vanishes while the folder is walked is no error. */
    private void deleteProfile() {
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a late write of a helper process: walk again
            }
        }
    }

    /** Collects (possibly fragmented) text frames and routes replies and events. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        final CompletableFuture<Chromium> owner = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    Chromium c = owner.join();     // set by the constructor, before the first command is sent
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = c.pending.get(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        synchronized (c.events) {
                            c.events.add(msg);
                            c.events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ws.request(1);
            return null;
        }
    }
}

package org.attnplanes.app.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attnplanes.app.common.Problems;
import org.junit.jupiter.api.Test;

/**
 * The app's packages form no cycle, and the command line is a leaf: no package uses {@code cli}. Dependencies are
 * read from the compiled main classes (every class name in a class file's constant pool), so imports, fully
 * qualified names in code and nested classes all count; comments do not.
 */
class AppPackageCyclesTest {

    private static final Pattern REF = Pattern.compile("org/attnplanes/app/([A-Za-z0-9_$]+)");

    /** Package → the other app packages its classes refer to ({@code (root)} is {@code org.attnplanes.app}). */
    static Map<String, Set<String>> dependencies(Path classes) throws IOException {
        Path app = classes.resolve("org/attnplanes/app");
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(app)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String from = packageOf(app.relativize(f).toString().replace('\\', '/'));
                Set<String> to = deps.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REF.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String target = packageOf(m.group(1) + (Character.isUpperCase(m.group(1).charAt(0)) ? "" : "/x"));
                    if (!target.equals(from)) {
                        to.add(target);
                    }
                }
            }
        }
        return deps;
    }

    /** {@code "cli/Foo.class"} → {@code cli}; {@code "AttnPlanes.class"} → {@code (root)}. */
    private static String packageOf(String relative) {
        int slash = relative.indexOf('/');
        return slash < 0 ? "(root)" : relative.substring(0, slash);
    }

    /** A cycle in {@code deps} as a path a → ... → a, or an empty list. */
    static List<String> findCycle(Map<String, Set<String>> deps) {
        Map<String, Integer> state = new TreeMap<>(); // 1 = on the stack, 2 = done
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, deps, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String p, Map<String, Set<String>> deps, Map<String, Integer> state,
                                 List<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return false;
        }
        path.add(p);
        if (s != null) { // on the stack: cycle from its first occurrence
            path.subList(0, path.indexOf(p)).clear();
            return true;
        }
        state.put(p, 1);
        for (String q : deps.getOrDefault(p, Set.of())) {
            if (visit(q, deps, state, path)) {
                return true;
            }
        }
        state.put(p, 2);
        path.remove(path.size() - 1);
        return false;
    }

    private static Path mainClasses() throws URISyntaxException {
        return Path.of(Problems.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void appPackages_haveNoCycle() throws Exception {
        Map<String, Set<String>> deps = dependencies(mainClasses());
        // the scan sees real dependencies (guards against a scan that finds nothing)
        assertTrue(deps.get("cli").contains("workbench"), deps.toString());
        assertTrue(deps.get("gui").contains("workbench"), deps.toString());
        assertEquals(List.of(), findCycle(deps), "package cycle in app; dependencies: " + deps);
    }

    @Test
    void onlyTheEntryPointUsesTheCommandLine() throws Exception {
        Map<String, Set<String>> deps = dependencies(mainClasses());
        deps.forEach((p, to) -> assertFalse(to.contains("cli") && !p.equals("(root)"),
                p + " uses cli; the command line only parses and calls the application layer: " + deps));
    }

    @Test
    void applicationLayer_usesNoUserInterface() throws Exception {
        Set<String> to = dependencies(mainClasses()).get("workbench");
        assertFalse(to.contains("gui") || to.contains("cli") || to.contains("plot"), to.toString());
    }

    @Test
    void outputSideOfTheApplicationLayer_usesNoUserInterface() throws Exception {
        Map<String, Set<String>> deps = dependencies(mainClasses());
        Set<String> to = deps.get("results");
        assertTrue(to.contains("workbench") && to.contains("export"), to.toString());
        assertFalse(to.contains("gui") || to.contains("cli"), to.toString());
        assertTrue(deps.get("cli").contains("results"), "the commands write their files through results: " + deps);
    }

    @Test
    void findCycle_findsACycleAndNoneInADag() {
        Map<String, Set<String>> cyclic = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"),
                "c", Set.of("a"), "d", Set.of("a")));
        List<String> cycle = findCycle(cyclic);
        assertEquals(4, cycle.size(), cycle.toString());
        assertEquals(cycle.get(0), cycle.get(3));
        assertEquals(List.of(), findCycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
    }
}

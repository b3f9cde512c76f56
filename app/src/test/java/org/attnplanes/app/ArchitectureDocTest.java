package org.attnplanes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the module table of {@code docs/ARCHITECTURE.md} true to the build: module names, artifactIds, the
 * JPMS module names, the direction of the project-module dependencies (poms and {@code module-info.java}),
 * and the libraries a module must never reach.
 */
class ArchitectureDocTest {

    /** "never" column entries → the Maven groupId and JPMS module-name prefix that identify them. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "ONNX Runtime", List.of("com.microsoft.onnxruntime", "com.microsoft.onnxruntime"),
            "JavaFX", List.of("org.openjfx", "javafx."),
            "Spark", List.of("org.apache.spark", "spark."));

    private record Row(String module, String artifactId, String jpmsModule, Set<String> dependsOn,
            Set<String> never) {
    }

    private record Pom(String artifactId, Set<String> projectDeps, Set<String> externalGroupIds) {
    }

    private static Path root;
    private static Map<String, Row> table;

    @BeforeAll
    static void readTable() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/ARCHITECTURE.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/ARCHITECTURE.md not found above " + Path.of("").toAbsolutePath());
        root = dir;
        table = parseTable(Files.readString(root.resolve("docs/ARCHITECTURE.md")));
    }

    @Test
    void moduleTable_listsExactlyTheReactorModules() throws Exception {
        Set<String> modules = new TreeSet<>(childTexts(pom(root).getDocumentElement(), "modules", "module"));
        assertEquals(modules, new TreeSet<>(table.keySet()),
                "modules of pom.xml vs the module table of docs/ARCHITECTURE.md");
    }

    @Test
    void moduleTable_artifactIdsAndDependenciesMatchThePoms() throws Exception {
        for (Row row : table.values()) {
            Pom pom = readPom(row.module());
            assertEquals(row.artifactId(), pom.artifactId(), "artifactId of " + row.module());
            assertEquals(new TreeSet<>(row.dependsOn()), new TreeSet<>(pom.projectDeps()),
                    "compile-scope project dependencies of " + row.module() + "/pom.xml vs docs/ARCHITECTURE.md");
        }
    }

    @Test
    void moduleTable_jpmsRequiresMatchTheDependencies() throws IOException {
        Map<String, String> moduleOfJpms = new LinkedHashMap<>();
        table.values().forEach(r -> moduleOfJpms.put(r.jpmsModule(), r.module()));
        for (Row row : table.values()) {
            Path info = root.resolve(row.module()).resolve("src/main/java/module-info.java");
            if (!Files.exists(info)) {
                continue;
            }
            String source = Files.readString(info);
            Matcher name = Pattern.compile("module\\s+([\\w.]+)\\s*\\{").matcher(source);
            assertTrue(name.find(), "no module declaration in " + info);
            assertEquals(row.jpmsModule(), name.group(1), "JPMS module name of " + row.module());
            Set<String> required = new TreeSet<>();
            for (String req : requires(source)) {
                if (moduleOfJpms.containsKey(req)) {
                    required.add(moduleOfJpms.get(req));
                }
            }
            assertEquals(new TreeSet<>(row.dependsOn()), required,
                    "project modules required by " + info + " vs docs/ARCHITECTURE.md");
        }
    }

    @Test
    void moduleTable_noModuleReachesALibraryItMustNever() throws Exception {
        Map<String, Pom> poms = new LinkedHashMap<>();
        for (String m : table.keySet()) {
            poms.put(m, readPom(m));
        }
        for (Row row : table.values()) {
            for (String lib : row.never()) {
                List<String> ids = FORBIDDEN.get(lib);
                assertTrue(ids != null, "unknown library '" + lib + "' in the never column of " + row.module()
                        + "; known: " + FORBIDDEN.keySet());
                Deque<String> todo = new ArrayDeque<>(List.of(row.module()));
                Set<String> seen = new LinkedHashSet<>();
                while (!todo.isEmpty()) {
                    String m = todo.pop();
                    if (!seen.add(m)) {
                        continue;
                    }
                    Pom pom = poms.get(m);
                    for (String g : pom.externalGroupIds()) {
                        assertFalse(g.startsWith(ids.get(0)), row.module() + " reaches " + lib + " (" + g
                                + ") through " + m + ", but docs/ARCHITECTURE.md says it never does");
                    }
                    Path info = root.resolve(m).resolve("src/main/java/module-info.java");
                    if (Files.exists(info)) {
                        for (String req : requires(Files.readString(info))) {
                            assertFalse(req.startsWith(ids.get(1)), row.module() + " reaches " + lib + " ("
                                    + req + ") through " + m + "'s module-info, but docs/ARCHITECTURE.md says it never does");
                        }
                    }
                    todo.addAll(pom.projectDeps());
                }
            }
        }
    }

    private static Map<String, Row> parseTable(String doc) {
        int start = doc.indexOf("<!-- module-table:start -->");
        int end = doc.indexOf("<!-- module-table:end -->");
        assertTrue(start >= 0 && end > start, "docs/ARCHITECTURE.md has no module-table markers");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : doc.substring(start, end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            assertEquals(7, cells.length, "module table row has not 6 cells: " + line);
            String module = unquote(cells[1]);
            rows.put(module, new Row(module, unquote(cells[2]), unquote(cells[3]), list(cells[4]), list(cells[6])));
        }
        assertFalse(rows.isEmpty(), "module table of docs/ARCHITECTURE.md is empty");
        return rows;
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }

    private static Set<String> list(String cell) {
        Set<String> out = new LinkedHashSet<>();
        String c = unquote(cell);
        if (c.equals("—") || c.isEmpty()) {
            return out;
        }
        for (String part : c.split(",")) {
            out.add(part.trim());
        }
        return out;
    }

    private static List<String> requires(String moduleInfo) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("requires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;").matcher(moduleInfo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private Pom readPom(String module) throws Exception {
        Element project = pom(root.resolve(module)).getDocumentElement();
        String artifactId = directChildText(project, "artifactId");
        Set<String> projectDeps = new TreeSet<>();
        Set<String> external = new TreeSet<>();
        Element deps = directChild(project, "dependencies");
        if (deps != null) {
            for (Element d : directChildren(deps, "dependency")) {
                String scope = directChildText(d, "scope");
                if ("test".equals(scope)) {
                    continue;
                }
                String group = directChildText(d, "groupId");
                String artifact = directChildText(d, "artifactId");
                if ("org.attnplanes".equals(group)) {
                    projectDeps.add(moduleOfArtifact(artifact));
                } else {
                    external.add(group);
                }
            }
        }
        // a dependency the module's tests use directly, declared at compile scope only so that it stays on the
        // main code's module path (listed in dependency:analyze's ignoredNonTestScopedDependencies), is not a
        // dependency of the module's own code
        for (Element e : descendants(project, "ignoredNonTestScopedDependency")) {
            String[] ga = e.getTextContent().trim().split(":");
            if (ga.length >= 2 && "org.attnplanes".equals(ga[0])) {
                projectDeps.remove(moduleOfArtifact(ga[1]));
            }
        }
        return new Pom(artifactId, projectDeps, external);
    }

    private static String moduleOfArtifact(String artifactId) {
        for (Row r : table.values()) {
            if (r.artifactId().equals(artifactId)) {
                return r.module();
            }
        }
        return "(unlisted " + artifactId + ")";
    }

    private static Document pom(Path dir) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
    }

    private static List<String> childTexts(Element parent, String container, String child) {
        List<String> out = new ArrayList<>();
        Element c = directChild(parent, container);
        if (c != null) {
            for (Element e : directChildren(c, child)) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }

    private static Element directChild(Element parent, String name) {
        List<Element> all = directChildren(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static String directChildText(Element parent, String name) {
        Element e = directChild(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static List<Element> directChildren(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}

package org.attnplanes.render.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.EdgeEncoding;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;

/**
 * Interactive HTML export: one self-contained file (JavaScript and CSS inlined, no network, no CDN) that draws
 * the multi-planar graph of a {@link Scene} in 3D on a 2D canvas (perspective projection, the same camera as
 * the PNG/SVG figures) with rotate, zoom and pan, a tooltip with token and weight, a display-threshold slider,
 * an encoding switch (opacity, colour, width, length), a gamma field, layer toggles, the legend and the full
 * provenance.
 *
 * <pre>{@code
 * HtmlExporter.write(graph, EncodingSpec.of(Encoding.OPACITY), Path.of("fig.html"));
 * }</pre>
 *
 * <p>Security: every user string (tokens, titles, provenance) reaches the page either HTML-escaped in the
 * static markup or inside a JSON data block whose {@code <}, {@code >} and {@code &} are escaped, and the
 * script writes text only through {@code textContent} and canvas {@code fillText}. The page's
 * Content-Security-Policy allows nothing but its own inline script and style (by SHA-256 hash): no network
 * request of any kind ({@code default-src 'none'}).
 *
 * <p>The edges are the scene's kept edges (build the scene with display threshold 0 so the slider can reach
 * all of them); their styles are recomputed in the page from the normalized weight with the formulas of
 * {@link EdgeEncoding}, so the initial view matches the PNG/SVG of the same scene. The length encoding uses
 * the node positions of a second scene built with {@link Encoding#LENGTH} (same nodes and edges).
 */
public final class HtmlExporter {

    private static final String SCRIPT_RESOURCE = "attnplanes-view.js";
    private static final String STYLE_RESOURCE = "attnplanes-view.css";
    private static final int COLOUR_SAMPLES = 64;

    private HtmlExporter() {
    }

    /**
     * Builds both scenes from the graph (display threshold 0) and writes the page atomically.
     *
     * @param graph    the graph, not null
     * @param encoding the initial encoding (its gamma, ranges and colour map are used by the page)
     * @param target   the .html file
     */
    public static void write(MultiPlanarGraph graph, EncodingSpec encoding, Path target) {
        write(graph, encoding, LengthLayout.AUTO, target);
    }

    /** Like {@link #write(MultiPlanarGraph, EncodingSpec, Path)}, choosing when the length layout is included. */
    public static void write(MultiPlanarGraph graph, EncodingSpec encoding, LengthLayout length, Path target) {
        write(graph, encoding, length, Page.DEFAULT, target);
    }

    /** Like {@link #write(MultiPlanarGraph, EncodingSpec, LengthLayout, Path)}, with what the caller sets on the page. */
    public static void write(MultiPlanarGraph graph, EncodingSpec encoding, LengthLayout length, Page page,
                             Path target) {
        AtomicFiles.write(target, html(graph, encoding, length, page).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a caller sets on the page besides the graph and the encoding (a command's figure options, the desktop
     * app's view).
     *
     * @param scene  applied to the scene the page draws before the page is written: where it opens (its camera),
     *               its title and legend notes, e.g. {@code s -> s.withCamera(c)}
     * @param labels whether token labels are shown when the page opens (its "token labels" box)
     */
    public record Page(UnaryOperator<Scene> scene, boolean labels) {

        /** The scene as built, labels shown. */
        public static final Page DEFAULT = new Page(UnaryOperator.identity(), true);

        public Page {
            Objects.requireNonNull(scene, "scene");
        }
    }

    /**
     * Whether the page carries the node positions of the length encoding. They come from classical MDS of every
     * plane (O(n³) each: about 1.5 s per 512-token plane, so seconds for 12 planes), which the page cannot
     * compute itself: it would need every plane's full n × n weights, not only the kept edges.
     */
    public enum LengthLayout {
        /** Always computed; the page's length switch works. */
        INCLUDE,
        /** Never computed; the page's length switch is disabled and the page says how to get it. */
        OMIT,
        /**
         * Computed when the initial encoding has length (it is needed to draw the page at all) or when it is
         * cheap (at most {@link #AUTO_TOKENS} tokens per plane), else omitted.
         */
        AUTO;

        /** The largest plane (in tokens) whose length layout {@link #AUTO} computes unasked (~30 ms a plane). */
        public static final int AUTO_TOKENS = 160;
    }

    /** The page for a graph with the {@link LengthLayout#AUTO} length layout. */
    public static String html(MultiPlanarGraph graph, EncodingSpec encoding) {
        return html(graph, encoding, LengthLayout.AUTO);
    }

    /** Whether {@link #html(MultiPlanarGraph, EncodingSpec, LengthLayout)} computes the length layout. */
    public static boolean includesLength(MultiPlanarGraph graph, EncodingSpec encoding, LengthLayout length) {
        return switch (length) {
            case INCLUDE -> true;
            case OMIT -> encoding.has(Encoding.LENGTH);
            case AUTO -> encoding.has(Encoding.LENGTH) || graph.tokens().size() <= LengthLayout.AUTO_TOKENS;
        };
    }

    /**
     * The page for a graph: {@link #html(Scene, Scene, EncodingSpec, boolean)} of its scene and, when
     * {@link #includesLength} says so, the scene laid out for the length encoding; built only then.
     */
    public static String html(MultiPlanarGraph graph, EncodingSpec encoding, LengthLayout lengthLayout) {
        return html(graph, encoding, lengthLayout, Page.DEFAULT);
    }

    /** Like {@link #html(MultiPlanarGraph, EncodingSpec, LengthLayout)}, with what the caller sets on the page. */
    public static String html(MultiPlanarGraph graph, EncodingSpec encoding, LengthLayout lengthLayout, Page page) {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(lengthLayout, "lengthLayout");
        EncodingSpec layoutSpec = without(encoding, Encoding.LENGTH);
        EncodingSpec lengthSpec = with(encoding, Encoding.LENGTH);
        boolean included = includesLength(graph, encoding, lengthLayout);
        Scene scene = SceneBuilder.build(graph, encoding.has(Encoding.LENGTH) ? lengthSpec : layoutSpec);
        Scene base = encoding.has(Encoding.LENGTH) ? SceneBuilder.build(graph, layoutSpec) : scene;
        Scene length = encoding.has(Encoding.LENGTH) ? scene : included ? SceneBuilder.build(graph, lengthSpec) : null;
        String note = length != null ? null : "length: not included in this page. Its distance layout (classical MDS"
                + " of each plane, O(n³)) was skipped for " + graph.planes().size() + " planes × "
                + graph.tokens().size() + " tokens; export with the length encoding (e.g. render --encoding"
                + " opacity,length) to include it.";
        Scene drawn = Objects.requireNonNull(page.scene().apply(base.withCamera(scene.camera())), "page scene");
        return html(drawn, length, encoding, graph.isDifference(), note, grid(graph), page.labels());
    }

    /**
     * The page's layer × head grid for a graph with one plane per head (as {@link HeadGrid} draws the PNG/SVG),
     * or null: every plane's {row, column}, and the row and column titles.
     */
    record Grid(Map<Integer, int[]> cells, List<String> rows, List<String> columns) {
    }

    private static Grid grid(MultiPlanarGraph graph) {
        if (!HeadGrid.applies(graph) || graph.planes().size() < 2) {
            return null;
        }
        HeadGrid.Cells c = HeadGrid.cells(graph);
        Map<Integer, int[]> cells = new HashMap<>();
        c.rowOfPlane().forEach((plane, row) -> cells.put(plane, new int[] {row, c.columnOfPlane().get(plane)}));
        return new Grid(cells, c.layers().stream().map(l -> "layer " + l).toList(),
                c.heads().stream().map(h -> h.matches("\\d+") ? "head " + h : h).toList());
    }

    /**
     * The page.
     *
     * @param scene    the scene drawn (nodes, kept edges, links, planes, legend, camera, provenance)
     * @param length   the same scene laid out for {@link Encoding#LENGTH}, or null when there is none (the length
     *                 switch is then disabled); must have the same nodes in the same order
     * @param encoding the initial encoding
     * @param signed   whether weights are signed differences in [−1, 1] (diverging colour map)
     */
    public static String html(Scene scene, Scene length, EncodingSpec encoding, boolean signed) {
        return html(scene, length, encoding, signed, length != null ? null
                : "length: not included in this page (no distance layout was given).");
    }

    private static String html(Scene scene, Scene length, EncodingSpec encoding, boolean signed, String lengthNote) {
        return html(scene, length, encoding, signed, lengthNote, null, true);
    }

    private static String html(Scene scene, Scene length, EncodingSpec encoding, boolean signed, String lengthNote,
                               Grid grid, boolean labels) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(encoding, "encoding");
        if (length != null && length.nodes().size() != scene.nodes().size()) {
            throw new IllegalArgumentException("length scene has " + length.nodes().size() + " nodes but the scene has "
                    + scene.nodes().size());
        }
        String data = data(scene, length, encoding, signed, grid);
        String script = resource(SCRIPT_RESOURCE);
        String style = resource(STYLE_RESOURCE);
        String title = scene.title().isEmpty() ? "AttentionPlanes" : scene.title();
        StringBuilder h = new StringBuilder(data.length() + script.length() + 8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(contentSecurityPolicy(script, style))
                .append("\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<meta name=\"generator\" content=\"AttentionPlanes ").append(escape(scene.provenance().toolVersion()))
                .append("\">\n");
        h.append("<title>").append(escape(title)).append("</title>\n");
        h.append("<style>").append(style).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1 id=\"title\">").append(escape(title)).append("</h1>\n");
        h.append("<p id=\"status\" aria-live=\"polite\">").append(scene.edges().size())
                .append(" edges (this page needs JavaScript to draw them)</p></header>\n");
        h.append("<main>\n<div id=\"stage\"><canvas id=\"view\" aria-label=\"multi-planar attention graph\"></canvas>")
                .append("<div id=\"tip\" role=\"tooltip\" hidden></div></div>\n");
        controls(h, lengthNote, grid != null, labels);
        h.append("</main>\n");
        legendAndProvenance(h, scene);
        h.append("<script type=\"application/json\" id=\"attnplanes-data\">").append(data).append("</script>\n");
        h.append("<script>").append(script).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The Content-Security-Policy: nothing but the page's own inline script and style, identified by hash. */
    static String contentSecurityPolicy(String script, String style) {
        return "default-src 'none'; script-src 'sha256-" + sha256(script) + "'; style-src 'sha256-" + sha256(style)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static void controls(StringBuilder h, String lengthNote, boolean grid, boolean labels) {
        h.append("<aside id=\"controls\">\n");
        h.append("<section><h2>Threshold</h2><label for=\"threshold\">show |w| ≥ <output id=\"threshold-value\">0</output>"
                + "</label><input type=\"range\" id=\"threshold\" min=\"0\" max=\"1\" step=\"0.005\" value=\"0\"></section>\n");
        h.append("<section><h2>Encoding</h2><div id=\"encodings\">");
        for (String e : List.of("opacity", "colour", "width", "length")) {
            h.append("<label><input type=\"checkbox\" name=\"encoding\" value=\"").append(e).append("\"> ").append(e)
                    .append("</label>");
        }
        h.append("</div>");
        if (lengthNote != null) {
            h.append("<p class=\"hint\" id=\"length-note\">").append(escape(lengthNote)).append("</p>");
        }
        h.append("<label for=\"gamma\">gamma</label> <input type=\"number\" id=\"gamma\" min=\"0.05\" max=\"10\" "
                + "step=\"0.05\" value=\"1\"></section>\n");
        h.append("<section><h2>Layers</h2><div id=\"layers\"></div><button type=\"button\" id=\"layers-all\">all</button> "
                + "<button type=\"button\" id=\"layers-none\">none</button></section>\n");
        if (grid) {
            h.append("<section><h2>Heads</h2><label><input type=\"radio\" name=\"view\" id=\"view-grid\" value=\"grid\""
                    + " checked> grid: layer × head</label><label><input type=\"radio\" name=\"view\" id=\"view-stack\""
                    + " value=\"stack\"> 3D stack</label><p class=\"hint\">grid: one small plane per head, seen from"
                    + " above, rows = layers, columns = heads</p></section>\n");
        }
        h.append("<section><h2>View</h2><label><input type=\"checkbox\" id=\"labels\""
                + (labels ? " checked" : "") + "> token labels</label>"
                + "<button type=\"button\" id=\"reset\">reset view</button>"
                + "<p class=\"hint\" id=\"controls-hint\">drag: rotate · shift-drag: pan · wheel: zoom · hover: token and weight</p></section>\n");
        h.append("</aside>\n");
    }

    private static void legendAndProvenance(StringBuilder h, Scene scene) {
        h.append("<footer>\n<section id=\"legend\"><h2>Legend</h2><p id=\"legend-encoding\">encoding: ")
                .append(escape(scene.legend().encoding())).append("</p><canvas id=\"colour-bar\" width=\"256\" height=\"12\" "
                + "hidden></canvas><ul>");
        List<String> lines = scene.legend().lines();
        for (String line : lines.subList(1, lines.size())) {
            h.append("<li>").append(escape(line)).append("</li>");
        }
        h.append("</ul></section>\n<details id=\"provenance\" open><summary>Provenance</summary><table>");
        for (Map.Entry<String, String> e : scene.provenance().toMap().entrySet()) {
            h.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(e.getValue()))
                    .append("</td></tr>");
        }
        h.append("<tr><th>html.camera</th><td>").append(escape(scene.camera().describe())).append("</td></tr>");
        h.append("</table></details>\n</footer>\n");
    }

    private static String data(Scene scene, Scene length, EncodingSpec enc, boolean signed, Grid grid) {
        List<NodeGlyph> nodes = scene.nodes();
        Map<Long, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            index.put(key(nodes.get(i).plane(), nodes.get(i).node()), i);
        }
        JsonText j = new JsonText(256 + 40 * nodes.size() + 40 * scene.edges().size() + 30 * scene.links().size());
        j.raw("{").key("title").string(scene.title()).raw(",").key("signed").bool(signed).raw(",");
        camera(j, scene.camera());
        double largest = 0;
        for (EdgeSegment e : scene.edges()) {
            largest = Math.max(largest, Math.abs(e.weight()));
        }
        // a difference is coloured symmetrically at its largest |Δw| (as SceneBuilder does); weights span [0, 1]
        encoding(j, enc, signed, signed && largest > 0 ? largest : 1);
        planes(j, scene.planes(), grid);
        nodes(j, nodes, length == null ? null : length.nodes(), index);
        edges(j, scene.edges(), index);
        links(j, scene.links(), index);
        j.raw("}");
        return j.toString();
    }

    private static long key(int plane, int node) {
        return ((long) plane << 32) | (node & 0xffffffffL);
    }

    private static int at(Map<Long, Integer> index, int plane, int node) {
        Integer i = index.get(key(plane, node));
        if (i == null) {
            throw new IllegalArgumentException("scene has an edge or link at node " + node + " of plane " + plane
                    + " but no such node");
        }
        return i;
    }

    private static void camera(JsonText j, Camera c) {
        j.key("camera").raw("{").key("yaw").number(c.yawDegrees(), 4).raw(",").key("pitch").number(c.pitchDegrees(), 4)
                .raw(",").key("distance").number(c.distance(), 6).raw(",").key("target").raw("[")
                .number(c.target().x(), 6).raw(",").number(c.target().y(), 6).raw(",").number(c.target().z(), 6)
                .raw("],").key("fov").number(c.fieldOfViewDegrees(), 4).raw("},");
    }

    private static void encoding(JsonText j, EncodingSpec e, boolean signed, double scale) {
        j.key("enc").raw("{").key("on").raw("[");
        boolean first = true;
        for (Encoding x : e.encodings()) {
            if (x == Encoding.HEAD_HUE) {
                continue;
            }
            j.raw(first ? "" : ",").string(x == Encoding.COLOUR ? "colour" : x.name().toLowerCase(Locale.ROOT));
            first = false;
        }
        ColourMap map = e.effectiveColourMap(signed);
        j.raw("],").key("scale").number(scale, 6);
        j.raw(",").key("gamma").number(e.contrast().gamma(), 6).raw(",").key("minAlpha").number(e.minAlpha(), 4)
                .raw(",").key("maxAlpha").number(e.maxAlpha(), 4).raw(",").key("minWidth").number(e.minWidthPx(), 4)
                .raw(",").key("maxWidth").number(e.maxWidthPx(), 4).raw(",").key("base")
                .string(e.baseColour().toHexRgb()).raw(",").key("baseAlpha").number(e.baseColour().a(), 4).raw(",")
                .key("baseWidth").number(e.baseWidthPx(), 4).raw(",").key("headHue").bool(e.has(Encoding.HEAD_HUE))
                .raw(",").key("map").string(map.displayName()).raw(",").key("diverging").bool(map.diverging())
                .raw(",").key("lut").raw("[");
        for (int i = 0; i < COLOUR_SAMPLES; i++) {
            j.raw(i == 0 ? "" : ",").string(map.at(i / (COLOUR_SAMPLES - 1.0)).toHexRgb());
        }
        j.raw("],").key("tab10").raw("[");
        for (int i = 0; i < EdgeEncoding.TAB10.size(); i++) {
            j.raw(i == 0 ? "" : ",").string(EdgeEncoding.TAB10.get(i).toHexRgb());
        }
        j.raw("]},");
    }

    private static void planes(JsonText j, List<PlaneRect> planes, Grid grid) {
        if (grid != null) {
            j.key("grid").raw("{").key("rows").raw("[");
            for (int i = 0; i < grid.rows().size(); i++) {
                j.raw(i == 0 ? "" : ",").string(grid.rows().get(i));
            }
            j.raw("],").key("cols").raw("[");
            for (int i = 0; i < grid.columns().size(); i++) {
                j.raw(i == 0 ? "" : ",").string(grid.columns().get(i));
            }
            j.raw("]},");
        }
        j.key("planes").raw("[");
        for (int i = 0; i < planes.size(); i++) {
            PlaneRect p = planes.get(i);
            int[] cell = grid == null ? null : grid.cells().get(p.plane());
            j.raw(i == 0 ? "{" : ",{");
            if (cell != null) {
                j.key("row").integer(cell[0]).raw(",").key("col").integer(cell[1]).raw(",");
            }
            j.key("index").integer(p.plane()).raw(",").key("title").string(p.title())
                    .raw(",").key("layer").integer(p.layer()).raw(",").key("minX").number(p.minX(), 5).raw(",")
                    .key("minY").number(p.minY(), 5).raw(",").key("maxX").number(p.maxX(), 5).raw(",").key("maxY")
                    .number(p.maxY(), 5).raw(",").key("z").number(p.z(), 5).raw(",").key("fill").string(css(p.fill()))
                    .raw(",").key("border").string(css(p.border())).raw("}");
        }
        j.raw("],");
    }

    private static void nodes(JsonText j, List<NodeGlyph> nodes, List<NodeGlyph> length, Map<Long, Integer> index) {
        j.key("nodes").raw("{");
        intArray(j, "plane", nodes.size(), i -> nodes.get(i).plane());
        intArray(j, "node", nodes.size(), i -> nodes.get(i).node());
        j.key("label").raw("[");
        for (int i = 0; i < nodes.size(); i++) {
            j.raw(i == 0 ? "" : ",").string(nodes.get(i).label());
        }
        j.raw("],");
        numArray(j, "x", nodes.size(), 5, i -> nodes.get(i).position().x());
        numArray(j, "y", nodes.size(), 5, i -> nodes.get(i).position().y());
        numArray(j, "z", nodes.size(), 5, i -> nodes.get(i).position().z());
        if (length != null) {
            numArray(j, "lx", nodes.size(), 5, i -> length.get(i).position().x());
            numArray(j, "ly", nodes.size(), 5, i -> length.get(i).position().y());
        }
        numArray(j, "r", nodes.size(), 5, i -> nodes.get(i).radius());
        j.key("colour").raw("[");
        for (int i = 0; i < nodes.size(); i++) {
            j.raw(i == 0 ? "" : ",").string(nodes.get(i).colour().toHexRgb());
        }
        j.raw("],");
        numArray(j, "self", nodes.size(), 5, i -> nodes.get(i).stats().selfWeight());
        intArray(j, "inNode", nodes.size(), i -> statNode(nodes.get(i), nodes.get(i).stats().strongestIn(), index));
        numArray(j, "inW", nodes.size(), 5, i -> nodes.get(i).stats().strongestInWeight());
        intArray(j, "outNode", nodes.size(), i -> statNode(nodes.get(i), nodes.get(i).stats().strongestOut(), index));
        numArray(j, "outW", nodes.size(), 5, i -> nodes.get(i).stats().strongestOutWeight());
        j.raw("\"n\":").integer(nodes.size()).raw("},");
    }

    private static int statNode(NodeGlyph n, int other, Map<Long, Integer> index) {
        Integer i = other < 0 ? null : index.get(key(n.plane(), other));
        return i == null ? -1 : i;
    }

    private static void edges(JsonText j, List<EdgeSegment> edges, Map<Long, Integer> index) {
        j.key("edges").raw("{");
        intArray(j, "s", edges.size(), i -> at(index, edges.get(i).plane(), edges.get(i).source()));
        intArray(j, "t", edges.size(), i -> at(index, edges.get(i).plane(), edges.get(i).target()));
        intArray(j, "head", edges.size(), i -> edges.get(i).head());
        numArray(j, "w", edges.size(), 5, i -> edges.get(i).weight());
        numArray(j, "raw", edges.size(), 6, i -> edges.get(i).rawWeight());
        j.key("directed").bool(edges.stream().anyMatch(EdgeSegment::directed)).raw("},");
    }

    private static void links(JsonText j, List<LinkSegment> links, Map<Long, Integer> index) {
        j.key("links").raw("{");
        intArray(j, "s", links.size(), i -> at(index, links.get(i).fromPlane(), links.get(i).fromNode()));
        intArray(j, "t", links.size(), i -> at(index, links.get(i).toPlane(), links.get(i).toNode()));
        numArray(j, "w", links.size(), 5, i -> links.get(i).weight());
        numArray(j, "width", links.size(), 3, i -> links.get(i).widthPx());
        j.key("kind").raw("[");
        for (int i = 0; i < links.size(); i++) {
            j.raw(i == 0 ? "" : ",").string(links.get(i).kind().toLowerCase(Locale.ROOT));
        }
        j.raw("],").key("colour").raw("[");
        for (int i = 0; i < links.size(); i++) {
            j.raw(i == 0 ? "" : ",").string(css(links.get(i).colour()));
        }
        j.raw("]}");
    }

    private static void intArray(JsonText j, String name, int n, java.util.function.IntUnaryOperator f) {
        j.key(name).raw("[");
        for (int i = 0; i < n; i++) {
            j.raw(i == 0 ? "" : ",").integer(f.applyAsInt(i));
        }
        j.raw("],");
    }

    private static void numArray(JsonText j, String name, int n, int decimals, java.util.function.IntToDoubleFunction f) {
        j.key(name).raw("[");
        for (int i = 0; i < n; i++) {
            j.raw(i == 0 ? "" : ",").number(f.applyAsDouble(i), decimals);
        }
        j.raw("],");
    }

    private static String css(Rgba c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.3f)", Math.round(c.r() * 255), Math.round(c.g() * 255),
                Math.round(c.b() * 255), c.a());
    }

    /** HTML text and attribute escaping of {@code & < > " '}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static EncodingSpec without(EncodingSpec e, Encoding drop) {
        EnumSet<Encoding> set = EnumSet.copyOf(e.encodings());
        set.remove(drop);
        if (set.isEmpty() || set.equals(EnumSet.of(Encoding.HEAD_HUE))) {
            set.add(Encoding.OPACITY);
        }
        return copy(e, set);
    }

    private static EncodingSpec with(EncodingSpec e, Encoding add) {
        EnumSet<Encoding> set = EnumSet.copyOf(e.encodings());
        set.add(add);
        return copy(e, set);
    }

    private static EncodingSpec copy(EncodingSpec e, EnumSet<Encoding> set) {
        return EncodingSpec.builder().encodings(set).colourMap(e.colourMap()).gamma(e.contrast().gamma())
                .opacityRange(e.minAlpha(), e.maxAlpha()).widthRange(e.minWidthPx(), e.maxWidthPx())
                .base(e.baseColour(), e.baseWidthPx()).build();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlExporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the render jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.attnplanes.render.testing.TestScenes;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FiguresTest {

    @TempDir
    Path dir;

    private static Scene scene(long seed, EncodingSpec enc, double threshold) {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 2, 12, seed, GraphSpec.builder().topK(3).build());
        return SceneBuilder.build(g, enc, threshold);
    }

    private static java.util.Set<String> ids(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < all.getLength(); i++) {
            out.add(((Element) all.item(i)).getAttribute("id"));
        }
        return out;
    }

    private static int countIds(Document doc, String prefix) {
        NodeList all = doc.getElementsByTagName("*");
        int n = 0;
        for (int i = 0; i < all.getLength(); i++) {
            if (((Element) all.item(i)).getAttribute("id").startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void writeSvg_scene_oneElementPerKeptEdgeAndWellFormedXml() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Scene s = scene(seed, EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH), 0.2);
            Path f = dir.resolve("s" + seed + ".svg");
            Figures.writeSvg(s, FigureSpec.defaults(), f);
            Document doc = FigureMetadata.parseXml(Files.readAllBytes(f));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals(s.edges().size(), countIds(doc, "e-"), "seed " + seed + ": edge elements");
            assertEquals(s.nodes().size(), countIds(doc, "n-"), "seed " + seed + ": node elements");
            java.util.Set<String> ids = ids(doc);
            for (EdgeSegment e : s.edges()) {
                assertTrue(ids.contains("e-" + e.plane() + "-" + e.source() + "-" + e.target()),
                        "seed " + seed + ": no element for " + e);
            }
        }
    }

    @Test
    void writeSvg_provenance_readsBackFromMetadata() {
        Scene s = scene(4, EncodingSpec.of(Encoding.COLOUR), 0);
        Path f = dir.resolve("p.svg");
        Figures.writeSvg(s, FigureSpec.builder().title("a <title> & \"quotes\"").build(), f);
        Map<String, String> back = FigureMetadata.readSvg(f);
        Map<String, String> prov = s.provenance().toMap();
        prov.forEach((k, v) -> assertEquals(v, back.get(k), "key " + k));
        assertEquals("a <title> & \"quotes\"", back.get("figure.title"));
        assertEquals(Integer.toString(s.edges().size()), back.get("figure.edges"));
    }

    @Test
    void writePng_provenance_readsBackFromTextChunksIncludingNonLatin1() {
        Scene base = scene(5, EncodingSpec.of(Encoding.OPACITY), 0);
        Provenance p = base.provenance().with("note", "Grüße → 注意");
        Scene s = new Scene(base.title(), base.nodes(), base.edges(), base.links(), base.planes(), base.legend(),
                base.camera(), p);
        Path f = dir.resolve("p.png");
        Figures.writePng(s, FigureSpec.builder().size(400, 300).build(), f);
        Map<String, String> back = FigureMetadata.readPng(f);
        p.toMap().forEach((k, v) -> assertEquals(v, back.get(k), "key " + k));
        assertEquals("Grüße → 注意", back.get("note"));
        assertEquals(s.camera().describe(), back.get("figure.camera"));
    }

    @Test
    void image_java2d_isNonBlankAndScaled() {
        Scene s = scene(6, EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH), 0);
        BufferedImage img = Figures.image(s, FigureSpec.builder().size(300, 200).scale(2).build());
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 200) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 2000, "only " + dark + " dark pixels");
    }

    @Test
    void image_opacity_heavierEdgeMoreOpaqueAtItsMidpoint() {
        Scene s = TestScenes.twoEdges(EncodingSpec.builder().encodings(Encoding.OPACITY).base(Rgba.BLACK, 1).build());
        BufferedImage img = Figures.image(s, FigureSpec.builder().size(400, 300).legend(false).labels(LabelMode.NONE).build());
        int heavy = TestScenes.darknessAt(img, s, s.edges().get(0), 1);
        int light = TestScenes.darknessAt(img, s, s.edges().get(1), 1);
        assertTrue(heavy > light + 80, "heavy darkness " + heavy + " vs light " + light);
    }

    @Test
    void smallMultiples_threeEncodings_sameCameraAndOneElementPerEdgePerPanel() throws IOException {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 10, 8, GraphSpec.builder().topK(3).build());
        List<EncodingSpec> encs = List.of(EncodingSpec.of(Encoding.OPACITY), EncodingSpec.of(Encoding.COLOUR),
                EncodingSpec.of(Encoding.WIDTH));
        List<Scene> panels = SmallMultiples.ofEncodings(g, encs, 0.0);
        Path svg = dir.resolve("cmp.svg");
        Path png = dir.resolve("cmp.png");
        FigureSpec spec = FigureSpec.builder().size(320, 240).title("encodings").build();
        SmallMultiples.writeSvg(panels, spec, svg);
        SmallMultiples.writePng(panels, spec, png);
        Document doc = FigureMetadata.parseXml(Files.readAllBytes(svg));
        for (int i = 0; i < panels.size(); i++) {
            assertEquals(panels.get(i).edges().size(), countIds(doc, "p" + i + "-e-"), "panel " + i);
            assertEquals(encs.get(i).shortName(), panels.get(i).title());
        }
        assertEquals(panels.get(0).camera(), panels.get(2).camera());
        // the panels share the first panel's direction, framed for the area a panel draws in
        String cam = FigureMetadata.readPng(png).get("figure.camera");
        assertEquals(cam, FigureMetadata.readSvg(svg).get("figure.camera"));
        java.awt.Graphics2D g2 = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        org.attnplanes.render.scene.Camera framed = SmallMultiples.panelCamera(panels, spec,
                SmallMultiples.legendReserve(panels, spec, g2));
        g2.dispose();
        assertEquals(framed.describe(), cam);
        assertEquals(panels.get(0).camera().yawDegrees(), framed.yawDegrees());
        assertEquals(panels.get(0).camera().pitchDegrees(), framed.pitchDegrees());
        assertEquals("opacity | colour (viridis) | width", FigureMetadata.readSvg(svg).get("figure.panels"));
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(960, img.getWidth());
        // identical projection in every panel, although only the colour panel has a colour bar in its legend
        NodeList all = doc.getElementsByTagName("*");
        java.util.Map<String, String> centre = new java.util.HashMap<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("id").matches("p\\d+-n-.*")) {
                centre.put(e.getAttribute("id"), e.getAttribute("cx") + "," + e.getAttribute("cy"));
            }
        }
        for (var n : panels.get(0).nodes()) {
            String id = "n-" + n.plane() + "-" + n.node();
            assertEquals(centre.get("p0-" + id), centre.get("p1-" + id), id);
            assertEquals(centre.get("p0-" + id), centre.get("p2-" + id), id);
        }
    }

    @Test
    void writeSvg_success_leavesNoTemporaryFiles() throws IOException {
        Figures.writeSvg(scene(9, EncodingSpec.of(Encoding.OPACITY), 0), FigureSpec.defaults(), dir.resolve("x.svg"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("x.svg"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.readString(dir.resolve("x.svg"), StandardCharsets.UTF_8).startsWith("<?xml")
                || Files.readString(dir.resolve("x.svg")).startsWith("<svg"));
    }

    @Test
    void twoDecimals_values_matchRoundedDecimalFormatting() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        for (int i = 0; i < 2000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7));
            String expected = new java.math.BigDecimal(Math.round(v * 100)).movePointLeft(2).stripTrailingZeros()
                    .toPlainString();
            assertEquals(Double.parseDouble(expected), Double.parseDouble(Figures.twoDecimals(v)), 0, "seed 17, v = " + v);
            assertTrue(!Figures.twoDecimals(v).endsWith("0") || !Figures.twoDecimals(v).contains("."), Figures.twoDecimals(v));
        }
        assertEquals("0", Figures.twoDecimals(0.001));
        assertEquals("-1.5", Figures.twoDecimals(-1.499));
        assertEquals("12", Figures.twoDecimals(12));
    }

    @Test
    void figureSpec_badSize_failsNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FigureSpec.builder().size(10, 20000));
        assertEquals("figure size 10 × 20000 px must be within [16, 16384] each", e.getMessage());
    }

    @Test
    void legendWrap_everyLineFitsTheWidth_andNoWordIsLost() {
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB)
                .createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        java.util.SplittableRandom r = new java.util.SplittableRandom(15);
        for (int trial = 0; trial < 200; trial++) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(5); i++) {
                StringBuilder b = new StringBuilder();
                for (int w = 0; w < 1 + r.nextInt(30); w++) {
                    b.append(w == 0 ? "" : " ").append("x".repeat(1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 9)));
                }
                lines.add(b.toString());
            }
            double max = 60 + r.nextInt(400);
            java.util.List<String> out = ScenePainter.wrap(lines, fm, max);
            for (String line : out) {
                org.junit.jupiter.api.Assertions.assertTrue(fm.stringWidth(line) <= max, line + " wider than " + max);
            }
            org.junit.jupiter.api.Assertions.assertEquals(String.join("", lines).replace(" ", ""),
                    String.join("", out).replace(" ", ""), "wrapping lost or added characters");
        }
        g.dispose();
    }
}

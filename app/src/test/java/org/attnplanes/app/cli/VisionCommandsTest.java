package org.attnplanes.app.cli;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.testmodels.VitOnnx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vision transformers through the command line, on a {@link VitOnnx} model with its preprocessor_config.json:
 * inspect prints the grid and the preprocessing; capture --image writes the trace; render --image --overlay
 * rollout writes a non-blank PNG and a valid SVG with the picture; analyze --image and a corpus of image paths
 * write planes.csv with the text-only pattern columns NaN; bad images, bad combinations and a model whose image
 * size cannot be determined exit 2 with one sentence and write nothing.
 */
class VisionCommandsTest {

    @TempDir
    Path dir;

    Path model;
    Path image;

    static Path png(Path file, int w, int h, long seed) throws Exception {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // a smooth picture (gradients) plus noise, so that drawing it is visible
                int red = Math.min(255, x * 255 / w + r.nextInt(20));
                int green = Math.min(255, y * 255 / h + r.nextInt(20));
                img.setRGB(x, y, red << 16 | green << 8 | 128);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @BeforeEach
    void models() throws Exception {
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        model = VitOnnx.write(dir.resolve("vit"), VitOnnx.vit(spec, 7), VitOnnx.preprocessorConfig(spec, 2));
        image = png(dir.resolve("cat.png"), 48, 40, 3);
    }

    @Test
    void inspect_vit_printsGridAndPreprocessing() {
        Cli.Result r = Cli.inProcess("inspect", "--model", model.toString(), "--image", image.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("image grid: [CLS] + 4 × 4 patches of 8 px (a 32 × 32 image); tokens [CLS], "
                + "r0c0 … r3c3"), r.out());
        assertTrue(r.out().contains("image preprocessing: resize to 32 × 32 (bilinear, Pillow) → rescale × "
                + "0.0039215686 → normalize mean [0.5, 0.5, 0.5] std [0.5, 0.5, 0.5] → channels first [1, 3, H, W] "
                + "(from preprocessor_config.json)"), r.out());
        assertTrue(r.out().contains("image: " + image + " (48 × 40) → 32 × 32 pixels"), r.out());
        assertTrue(r.out().contains("capturable: yes (2 layers × 2 heads, 17 tokens per image)"), r.out());
    }

    @Test
    void inspect_preprocessingOptions_printEverySettingWithItsSource() {
        Cli.Result r = Cli.inProcess("inspect", "--model", model.toString(), "--image", image.toString(),
                "--resample", "bicubic", "--crop-size", "32", "--image-size", "40x36", "--image-std", "0.2,0.3,0.4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("image preprocessing: resize to 40 × 36 (bicubic, Pillow) → center crop 32 × 32 → "
                + "rescale × 0.0039215686 → normalize mean [0.5, 0.5, 0.5] std [0.2, 0.3, 0.4] → channels first "
                + "[1, 3, H, W] (from preprocessor_config.json, overridden by --image-size, --resample, --crop-size, "
                + "--image-std)\n"
                + "  resize: 40 × 36 (from --image-size)\n"
                + "  resample: bicubic (Pillow) (from --resample)\n"
                + "  center crop: 32 × 32 (from --crop-size)\n"
                + "  rescale: × 0.0039215686 (from preprocessor_config.json)\n"
                + "  normalize: yes (from preprocessor_config.json)\n"
                + "  mean: [0.5, 0.5, 0.5] (from preprocessor_config.json)\n"
                + "  std: [0.2, 0.3, 0.4] (from --image-std)\n"), r.out());
        assertTrue(r.out().contains("image: " + image + " (48 × 40) → 32 × 32 pixels"), r.out());

        Path npz = dir.resolve("t.json");
        Cli.Result c = Cli.inProcess("capture", "--model", model.toString(), "--image", image.toString(),
                "--preprocessor-config", "none", "--no-normalize", "--rescale-factor", "1", "--out", npz.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(readString(npz).contains("resize to 32 × 32 (bilinear, Pillow) → rescale × 1.0000000 → channels "
                + "first [1, 3, H, W] (from ViTImageProcessor defaults, overridden by --rescale-factor, "
                + "--no-normalize)"), "the trace records the preprocessing it got");
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void preprocessingOptions_badValues_exitTwoOneSentenceNoOutput() throws Exception {
        Path npz = dir.resolve("t.npz");
        String[] base = {"capture", "--model", model.toString(), "--image", image.toString(), "--out", npz.toString()};
        String[][] cases = {
            {"--image-size 0 is not allowed; give N or HxW with sides in [1, 16384]", "--image-size", "0"},
            {"--image-size 3x4x5 is not allowed; give N or HxW", "--image-size", "3x4x5"},
            {"--crop-size all is not allowed; give N or HxW with sides in [1, 16384], or none", "--crop-size", "all"},
            {"--resample cubic is not one of nearest, lanczos, bilinear, bicubic, box, hamming", "--resample", "cubic"},
            {"--rescale-factor -1 is not allowed; give a positive number", "--rescale-factor", "-1"},
            {"--rescale-factor x is not a number", "--rescale-factor", "x"},
            {"--image-mean 0.5,0.5 is not allowed; give three numbers R,G,B", "--image-mean", "0.5,0.5"},
            {"--image-std 0.2,0,0.2 is not allowed; give three positive numbers R,G,B", "--image-std", "0.2,0,0.2"},
            {"--preprocessor-config nope.json is not a file; give a preprocessor_config.json file or none",
                "--preprocessor-config", "nope.json"},
            {"--image-mean has no effect with --no-normalize", "--image-mean", "1,1,1", "--no-normalize"},
            {"the position table of model.onnx has 17 rows but a 40 × 40 image (from --image-size) in 8-pixel "
                + "patches gives 26 tokens; give --image-size of a size the model takes (e.g. 32 × 32)",
                "--image-size", "40"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOf(base, base.length + c.length - 1);
            System.arraycopy(c, 1, args, base.length, c.length - 1);
            assertRefused(c[0], npz, args);
        }
        // a text model (the embedded default) given an image option
        assertRefused("--image-size needs a vision transformer (a model with a pixel_values input), but ", npz,
                "capture", "--text", "a cat", "--image-size", "32", "--out", npz.toString());
        Cli.Result r = Cli.inProcess("inspect", "--resample", "box");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--resample needs a vision transformer"), r.err());
    }

    @Test
    void captureAndRender_image_writeTraceNonBlankPngAndValidSvgWithThePicture() throws Exception {
        Path json = dir.resolve("trace.json");
        Cli.Result c = Cli.inProcess("capture", "--model", model.toString(), "--image", image.toString(),
                "--out", json.toString());
        assertEquals(0, c.exitCode(), c.err());
        String text = Files.readString(json);
        assertTrue(text.contains("\"r3c3\""), text.substring(0, Math.min(400, text.length())));
        assertTrue(text.contains("image.grid"), "the grid travels in the provenance");

        Path fig = dir.resolve("fig.png");
        Cli.Result r = Cli.inProcess("render", "--model", model.toString(), "--image", image.toString(),
                "--overlay", "rollout", "--out", fig.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage png = ImageIO.read(fig.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 3) {
            for (int x = 0; x < png.getWidth(); x += 3) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 200, "a non-blank figure with the picture: " + colours.size() + " colours");

        Path svg = dir.resolve("fig.svg");
        r = Cli.inProcess("render", "--model", model.toString(), "--image", image.toString(), "--overlay", "rollout",
                "--image-planes", "all", "--out", svg.toString());
        assertEquals(0, r.exitCode(), r.err());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(doc.getElementsByTagNameNS("*", "image").getLength() >= 2 * 256,
                "the picture on both planes, in tiles: " + doc.getElementsByTagNameNS("*", "image").getLength());
        String s = Files.readString(svg);
        assertTrue(s.contains("attention rollout from [CLS] to the patches through layer 1"), "legend/provenance");
    }

    @Test
    void analyze_imageAndImageCorpus_writePlanesWithTextPatternsNaN() throws Exception {
        Path out = dir.resolve("one");
        Cli.Result r = Cli.inProcess("analyze", "--model", model.toString(), "--image", image.toString(), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("planes.csv"));
        String header = lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        List<String> cols = List.of(header.split(","));
        int comma = cols.indexOf("dist_comma");
        int self = cols.indexOf("dist_self");
        assertTrue(comma >= 0 && self >= 0, header);
        List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).skip(1).collect(Collectors.toList());
        assertEquals(4, rows.size(), "one row per layer and head");
        for (String row : rows) {
            String[] v = row.split(",");
            assertEquals("NaN", v[comma], row);
            assertFalse(v[self].equals("NaN") || v[self].isEmpty(), row);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#") && l.contains("topology.image_patterns")),
                "the NaN columns are explained in the provenance");

        png(dir.resolve("dog.png"), 20, 30, 4);
        Path corpus = Files.writeString(dir.resolve("images.txt"), "cat.png\ndog.png\n");
        Path out2 = dir.resolve("corpus");
        r = Cli.inProcess("analyze", "--model", model.toString(), "--input", corpus.toString(), "--out",
                out2.toString());
        assertEquals(0, r.exitCode(), r.err());
        long data = Files.readAllLines(out2.resolve("planes.csv")).stream().filter(l -> !l.startsWith("#")).count();
        assertEquals(1 + 2 * 4, data, "header + 2 images × 2 layers × 2 heads");
    }

    @Test
    void grayscaleConvertedAndRecorded_cmykRefused_throughTheCommands() throws Exception {
        BufferedImage gray = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 8 + y * 3) & 0xFF);
            }
        }
        Path grayPng = dir.resolve("gray.png");
        ImageIO.write(gray, "png", grayPng.toFile());
        Path json = dir.resolve("gray.json");
        Cli.Result c = Cli.inProcess("capture", "--model", model.toString(), "--image", grayPng.toString(), "--out",
                json.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(Files.readString(json).contains("grayscale replicated to RGB"), "the conversion is recorded");
        Path out = dir.resolve("gray-analysis");
        Cli.Result a = Cli.inProcess("analyze", "--model", model.toString(), "--image", grayPng.toString(), "--out",
                out.toString());
        assertEquals(0, a.exitCode(), a.err());

        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        Path cmyk = dir.resolve("cmyk.jpg");
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream o = ImageIO.createImageOutputStream(cmyk.toFile())) {
            w.setOutput(o);
            w.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        } finally {
            w.dispose();
        }
        Path res = dir.resolve("cmyk-analysis");
        assertRefused("--image = " + cmyk + " is a 4-channel (CMYK or YCCK) JPEG, which is not converted", res,
                "analyze", "--model", model.toString(), "--image", cmyk.toString(), "--out", res.toString());
        // a corpus line naming a CMYK image is skipped with its reason, the others are analysed
        Path corpus = Files.writeString(dir.resolve("mixed.txt"), "gray.png\ncmyk.jpg\n");
        Path mixed = dir.resolve("mixed");
        Cli.Result m = Cli.inProcess("analyze", "--model", model.toString(), "--input", corpus.toString(), "--out",
                mixed.toString());
        assertEquals(0, m.exitCode(), m.out() + m.err());
        assertTrue((m.out() + m.err()).contains("CMYK"), "the skipped line says why: " + m.out() + m.err());
        long rows = Files.readAllLines(mixed.resolve("planes.csv")).stream().filter(l -> !l.startsWith("#")).count();
        assertEquals(1 + 4, rows, "header + the grayscale image's 2 layers × 2 heads");
    }

    @Test
    void gui_badFamilyOptions_exitTwoBeforeAnyWindow() throws Exception {
        Path none = dir.resolve("none.png");
        assertRefused("--decoder needs its encoder", none, "gui", "--decoder", model.toString());
        assertRefused("--image " + none + " does not exist or is not a file", none, "gui", "--model",
                model.toString(), "--image", none.toString());
        assertRefused("--decoder " + none + " does not exist or is not a file", none, "gui", "--model",
                model.toString(), "--decoder", none.toString());
    }

    /** Exit 2, one line on stderr naming the parameter, nothing written. */
    private void assertRefused(String expectedStart, Path outFile, String... args) throws Exception {
        Cli.Result r = Cli.inProcess(args);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expectedStart), err);
        assertFalse(Files.exists(outFile), outFile + " must not be written");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().contains("tmp")), "no staged leftovers");
        }
    }

    @Test
    void badInput_exitTwoOneSentenceNoOutput() throws Exception {
        Path out = dir.resolve("out.png");
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertRefused("--image = " + text + " is not a PNG or JPEG image", out,
                "render", "--model", model.toString(), "--image", text.toString(), "--out", out.toString());

        BufferedImage deep = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        Path deepPng = dir.resolve("deep.png");
        ImageIO.write(deep, "png", deepPng.toFile());
        Path npz = dir.resolve("t.npz");
        assertRefused("--image = " + deepPng + " is a 16-bit PNG", npz,
                "capture", "--model", model.toString(), "--image", deepPng.toString(), "--out", npz.toString());

        assertRefused("--overlay rollout needs --image", out,
                "render", "--model", model.toString(), "--text", "a cat", "--overlay", "rollout",
                "--out", out.toString());

        assertRefused("--overlay rollout draws on the picture under the patch grid, which needs --layout grid", out,
                "render", "--model", model.toString(), "--image", image.toString(), "--overlay", "rollout",
                "--layout", "circle", "--out", out.toString());

        // a text model given an image
        assertRefused("--image " + image + " needs a vision transformer", npz,
                "capture", "--image", image.toString(), "--out", npz.toString());

        // 3 × 4 patches and no preprocessor_config.json: the image size cannot be determined
        VitOnnx.Spec rect = new VitOnnx.Spec(VitOnnx.Variant.VIT, 24, 32, 8);
        Path rectModel = VitOnnx.write(dir.resolve("rect"), VitOnnx.vit(rect, 2), null);
        assertRefused("cannot determine the image size of model.onnx", npz,
                "capture", "--model", rectModel.toString(), "--image", image.toString(), "--out", npz.toString());

        Path outDir = dir.resolve("res");
        assertRefused("--text cannot be analysed by model.onnx, a vision transformer", outDir,
                "analyze", "--model", model.toString(), "--text", "a cat", "--out", outDir.toString());
    }
}

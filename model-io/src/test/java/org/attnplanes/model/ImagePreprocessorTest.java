package org.attnplanes.model;

import org.attnplanes.model.internal.PilResize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Image preprocessing: a 2 × 2 image through bilinear resize to 4 × 4, rescale and normalize equals a reference
 * worked out by hand; Pillow's resize (the oracle, through {@code ATTNPLANES_PYTHON}) equals {@link PilResize}
 * byte for byte for every filter, up- and down-scaling; center crop follows Hugging Face (offsets and padding);
 * bad config values are refused naming key, value and what is allowed.
 */
class ImagePreprocessorTest {

    @TempDir
    Path dir;

    private static Path config(Path dir, String json) throws Exception {
        Path p = dir.resolve("preprocessor_config.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void preprocess_twoByTwoBilinearToFourByFour_equalsHandComputedReference() throws Exception {
        // red: 0 255 / 255 0; green 100 everywhere; blue 200 everywhere
        byte[] rgb = new byte[2 * 2 * 3];
        int[] red = {0, 255, 255, 0};
        for (int i = 0; i < 4; i++) {
            rgb[i * 3] = (byte) red[i];
            rgb[i * 3 + 1] = 100;
            rgb[i * 3 + 2] = (byte) 200;
        }
        ImagePreprocessor p = ImagePreprocessor.fromJson(config(dir, """
                {"do_resize": true, "size": {"height": 4, "width": 4}, "resample": 2, "do_rescale": true,
                 "rescale_factor": 0.00392156862745098, "do_normalize": true,
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}"""));
        ImagePreprocessor.Pixels px = p.preprocess(RgbImage.of(2, 2, rgb));
        // Pillow upscaling ×2 with the triangle filter: output x takes 0.75/0.25 of its two neighbours
        // (edges copy), each pass rounded to 8 bits: 63.75 → 64, 191.25 → 191, 95.75 → 96, 159.25 → 159
        int[][] expectedRed = {
                {0, 64, 191, 255},
                {64, 96, 159, 191},
                {191, 159, 96, 64},
                {255, 191, 64, 0}};
        assertEquals(4, px.height());
        assertEquals(4, px.width());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                float r = ((float) (expectedRed[y][x] * 0.00392156862745098) - 0.5f) / 0.5f;
                float g = ((float) (100 * 0.00392156862745098) - 0.5f) / 0.5f;
                float b = ((float) (200 * 0.00392156862745098) - 0.5f) / 0.5f;
                assertEquals(r, px.chw()[y * 4 + x], 0f, "red at " + x + "," + y);
                assertEquals(g, px.chw()[16 + y * 4 + x], 0f, "green at " + x + "," + y);
                assertEquals(b, px.chw()[32 + y * 4 + x], 0f, "blue at " + x + "," + y);
            }
        }
    }

    @Test
    void preprocess_noResizeNoNormalize_isRescaledChannelsFirst() throws Exception {
        ImagePreprocessor p = ImagePreprocessor.fromJson(config(dir, """
                {"do_resize": false, "do_rescale": true, "rescale_factor": 0.5, "do_normalize": false}"""));
        ImagePreprocessor.Pixels px = p.preprocess(RgbImage.of(2, 1, new byte[] {2, 4, 6, 8, 10, 12}));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, px.chw());
        assertEquals(-1, p.outputHeight());
    }

    @Test
    void centerCrop_smallerAndLargerThanImage_followsHuggingFaceOffsetsAndPadding() {
        // 4 × 1 image, values 1..4 in every channel; crop width 2 → left = (4 − 2) // 2 = 1 → 2, 3
        byte[] row = new byte[12];
        for (int i = 0; i < 12; i++) {
            row[i] = (byte) (i / 3 + 1);
        }
        byte[] cropped = ImagePreprocessor.centerCrop(row, 4, 1, 2, 1);
        assertArrayEquals(new byte[] {2, 2, 2, 3, 3, 3}, cropped);
        // crop 7 wider than 4: new width 7, left pad ceil(3 / 2) = 2, left = 0 → 0 0 1 2 3 4 0
        byte[] padded = ImagePreprocessor.centerCrop(row, 4, 1, 7, 1);
        byte[] want = new byte[21];
        for (int x = 0; x < 4; x++) {
            for (int c = 0; c < 3; c++) {
                want[(x + 2) * 3 + c] = (byte) (x + 1);
            }
        }
        assertArrayEquals(want, padded);
    }

    @Test
    void fromJson_clipConfig_shortestEdgeThenCrop() throws Exception {
        ImagePreprocessor p = ImagePreprocessor.fromJson(config(dir, """
                {"image_processor_type": "CLIPImageProcessor", "size": {"shortest_edge": 8},
                 "crop_size": {"height": 8, "width": 8}, "do_center_crop": true}"""));
        assertEquals(8, p.outputHeight());
        byte[] rgb = new byte[20 * 10 * 3];
        new Random(1).nextBytes(rgb);
        RgbImage out = p.resizedAndCropped(RgbImage.of(20, 10, rgb));     // → 16 × 8, then crop 8 × 8 at left 4
        byte[] resized = PilResize.resize(rgb, 20, 10, 16, 8, PilResize.Filter.BICUBIC);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(resized[(y * 16 + x + 4) * 3 + c] & 0xFF, out.sample(x, y, c));
                }
            }
        }
        assertTrue(p.describe().startsWith("resize shortest edge to 8 (bicubic, Pillow) → center crop 8 × 8"),
                p.describe());
    }

    @Test
    void fromJson_badValues_areRefusedNamingKeyValueAndAllowed() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> ImagePreprocessor.fromJson(config(dir,
                "{\"resample\": 7}")));
        assertTrue(e.getMessage().endsWith("resample = 7 is not a PIL filter; allowed are 0 (nearest), 1 (Lanczos), "
                + "2 (bilinear), 3 (bicubic), 4 (box), 5 (Hamming)"), e.getMessage());
        e = assertThrows(ModelException.class, () -> ImagePreprocessor.fromJson(config(dir,
                "{\"size\": {\"longest_edge\": 9}}")));
        assertTrue(e.getMessage().contains("size = {\"longest_edge\":9} is not supported"), e.getMessage());
        e = assertThrows(ModelException.class, () -> ImagePreprocessor.fromJson(config(dir,
                "{\"image_std\": [0.5, 0, 0.5]}")));
        assertTrue(e.getMessage().endsWith("image_std = [0.5,0,0.5] is not allowed; expected three positive numbers "
                + "(R, G, B)"), e.getMessage());
        e = assertThrows(ModelException.class, () -> ImagePreprocessor.fromJson(config(dir, "[1, 2]")));
        assertTrue(e.getMessage().endsWith("is not a JSON object"), e.getMessage());
    }

    /** Pillow through {@code ATTNPLANES_PYTHON}: PilResize equals {@code Image.resize} for every filter. */
    @Test
    void resize_everyFilterUpAndDown_equalsPillowByteForByte() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        boolean required = "1".equals(System.getenv("ATTNPLANES_REQUIRE_ORACLES"));
        boolean has = Files.isExecutable(Path.of(python))
                && run(python, "-c", "import PIL; print('ok')").strip().equals("ok");
        if (!has) {
            if (required) {
                fail("Pillow is missing for " + python + " (install python3-pil)");
            }
            Assumptions.abort("Pillow not available for " + python);
        }
        Random r = new Random(42);
        int[][] sizes = {{13, 7, 5, 4}, {5, 4, 13, 9}, {9, 9, 9, 3}, {6, 11, 6, 17}, {31, 23, 8, 8}, {3, 3, 10, 2}};
        StringBuilder script = new StringBuilder("from PIL import Image\n");
        int k = 0;
        for (int[] s : sizes) {
            BufferedImage img = new BufferedImage(s[0], s[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            Path f = dir.resolve("img" + (k++) + ".png");
            ImageIO.write(img, "png", f.toFile());
            for (PilResize.Filter filter : PilResize.Filter.values()) {
                script.append("print(Image.open('").append(f).append("').convert('RGB').resize((").append(s[2])
                        .append(", ").append(s[3]).append("), resample=").append(filter.code())
                        .append(").tobytes().hex())\n");
            }
        }
        Path py = dir.resolve("resize.py");
        Files.writeString(py, script.toString());
        String[] lines = run(python, py.toString()).strip().split("\n");
        int line = 0;
        for (int i = 0; i < sizes.length; i++) {
            int[] s = sizes[i];
            RgbImage img = RgbImage.read(dir.resolve("img" + i + ".png"), "--image");
            for (PilResize.Filter filter : PilResize.Filter.values()) {
                byte[] want = HexFormat.of().parseHex(lines[line++]);
                byte[] got = PilResize.resize(img.rgb(), s[0], s[1], s[2], s[3], filter);
                assertArrayEquals(want, got, filter + " " + s[0] + "×" + s[1] + " → " + s[2] + "×" + s[3]);
            }
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package org.attnplanes.model;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.testmodels.VitOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overrides of a vision transformer's preprocessing ({@link ImageOverrides}): a 2 × 2 image through the overridden
 * box resize to 1 × 1, rescale and normalize equals a value worked out by hand; every setting reports where it came
 * from; a capture with overrides equals a capture whose preprocessor_config.json holds the same values (and differs
 * from the unoverridden one); sizes the model cannot take are refused with one sentence naming the source.
 */
class ImageOverridesTest {

    @TempDir
    Path dir;

    /** R: 0 100 / 200 50; G: 100 everywhere; B: 10 20 / 30 40. */
    private static RgbImage twoByTwo() {
        int[] r = {0, 100, 200, 50};
        int[] b = {10, 20, 30, 40};
        byte[] rgb = new byte[12];
        for (int i = 0; i < 4; i++) {
            rgb[3 * i] = (byte) r[i];
            rgb[3 * i + 1] = 100;
            rgb[3 * i + 2] = (byte) b[i];
        }
        return RgbImage.of(2, 2, rgb);
    }

    @Test
    void boxResizeToOnePixel_rescaleNormalize_equalsHandComputedReference() {
        ImagePreprocessor p = ImagePreprocessor.vitDefaults(224, 224).with(ImageOverrides.builder().size(1, 1)
                .resample("BOX").rescaleFactor(0.01).mean(0.5f, 0.25f, 0f).std(0.25f, 0.5f, 2f).build());
        ImagePreprocessor.Pixels px = p.preprocess(twoByTwo());
        assertEquals(1, px.height());
        assertEquals(1, px.width());
        // box 2 → 1 weighs both pixels 1/2; Pillow rounds each pass to 8 bits, half up:
        // R rows (0 + 100) / 2 = 50 and (200 + 50) / 2 = 125, then (50 + 125) / 2 = 87.5 → 88
        // G 100; B rows 15 and 35, then 25
        assertEquals(((float) (88 * 0.01) - 0.5f) / 0.25f, px.chw()[0], 0f);
        assertEquals(((float) (100 * 0.01) - 0.25f) / 0.5f, px.chw()[1], 0f);
        assertEquals(((float) (25 * 0.01) - 0f) / 2f, px.chw()[2], 0f);
        assertEquals(1.52f, px.chw()[0], 1e-6f);

        ImagePreprocessor raw = p.with(ImageOverrides.builder().noNormalize().build());
        assertArrayEquals(new float[] {(float) 0.88, (float) 1.0, (float) 0.25}, raw.preprocess(twoByTwo()).chw());
        ImagePreprocessor cropped = ImagePreprocessor.vitDefaults(2, 2).with(ImageOverrides.builder().crop(1, 1)
                .resample("nearest").noNormalize().rescaleFactor(1).build());
        // HF center crop of 2 × 2 to 1 × 1: top = left = (2 − 1) // 2 = 0 → the top-left pixel
        assertArrayEquals(new float[] {0, 100, 10}, cropped.preprocess(twoByTwo()).chw());
    }

    @Test
    void settings_reportEveryValueAndWhereItCameFrom() throws Exception {
        Path config = Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"size": {"height": 32, "width": 32}, "resample": 2, "rescale_factor": 0.00392156862745098,
                 "image_mean": [0.5, 0.5, 0.5]}""");
        ImagePreprocessor p = ImagePreprocessor.fromJson(config).with(ImageOverrides.builder().size(16, 24)
                .resample("bicubic").std(0.2f, 0.3f, 0.4f).build());
        assertEquals(List.of(
                "resize: 16 × 24 (from --image-size)",
                "resample: bicubic (Pillow) (from --resample)",
                "center crop: no (from ViTImageProcessor default)",
                "rescale: × 0.0039215686 (from preprocessor_config.json)",
                "normalize: yes (from ViTImageProcessor default)",
                "mean: [0.5, 0.5, 0.5] (from preprocessor_config.json)",
                "std: [0.2, 0.3, 0.4] (from --image-std)"), p.settings());
        assertTrue(p.describe().endsWith("(from preprocessor_config.json, overridden by --image-size, --resample, "
                + "--image-std)"), p.describe());
        ImagePreprocessor off = p.with(ImageOverrides.builder().noNormalize().noCrop().build());
        assertEquals("normalize: no (from --no-normalize)", off.settings().get(4));
        assertEquals("center crop: no (from --crop-size)", off.settings().get(2));
        assertEquals("mean: not used (no normalize) (from preprocessor_config.json)", off.settings().get(5));
    }

    @Test
    void builder_badValues_areRefusedNamingValueAndAllowed() {
        assertEquals("height = 0 is outside [1, 16384]", assertThrows(IllegalArgumentException.class,
                () -> ImageOverrides.builder().size(0, 4)).getMessage());
        assertEquals("resample = cubic is not a Pillow filter; allowed are nearest, lanczos, bilinear, bicubic, box, "
                + "hamming", assertThrows(IllegalArgumentException.class,
                () -> ImageOverrides.builder().resample("cubic")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageOverrides.builder().rescaleFactor(-1))
                .getMessage().startsWith("rescale factor = -1.0 must be a positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageOverrides.builder().std(1, 0, 1))
                .getMessage().startsWith("image std = [1.0, 0.0, 1.0] must be three positive"));
        assertThrows(IllegalArgumentException.class, () -> ImageOverrides.builder().mean(Float.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageOverrides.builder().mean(0, 0, 0).noNormalize().build());
        assertTrue(ImageOverrides.none().isEmpty());
        assertEquals(List.of("--image-size", "--no-normalize"),
                ImageOverrides.builder().noNormalize().size(3, 3).build().given());
    }

    private static CaptureOptions options(ImageOverrides o) {
        return CaptureOptions.builder().threads(1).store(ModelStore.disabled()).imageOverrides(o).build();
    }

    @Test
    void capture_withOverrides_equalsCaptureWithTheSameValuesInTheConfig() throws Exception {
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        VitOnnx.Generated g = VitOnnx.vit(spec, 11);
        Path plain = VitOnnx.write(dir.resolve("plain"), g, VitOnnx.preprocessorConfig(spec, 2));
        Path tuned = VitOnnx.write(dir.resolve("tuned"), g, String.format(java.util.Locale.ROOT, """
                {"size": {"height": %d, "width": %d}, "resample": 3, "rescale_factor": 0.005,
                 "image_mean": [0.4, 0.5, 0.6], "image_std": [0.2, 0.3, 0.4]}""", spec.height(), spec.width()));
        Path image = VisionCaptureTest.randomPng(dir.resolve("pic.png"), 45, 37, 5);
        ImageOverrides o = ImageOverrides.builder().ignoreConfig().size(spec.height(), spec.width())
                .resample("bicubic").rescaleFactor(0.005).mean(0.4f, 0.5f, 0.6f).std(0.2f, 0.3f, 0.4f).build();
        AttentionTrace viaOptions;
        AttentionTrace viaConfig;
        AttentionTrace unchanged;
        try (AttentionModel m = AttentionModel.open(plain, options(o))) {
            viaOptions = m.captureImage(image);
            assertTrue(m.imagePreprocessor().orElseThrow().describe().endsWith("(from ViTImageProcessor defaults, "
                    + "overridden by --image-size, --resample, --rescale-factor, --image-mean, --image-std)"),
                    m.imagePreprocessor().orElseThrow().describe());
        }
        try (AttentionModel m = AttentionModel.open(tuned, options(ImageOverrides.none()))) {
            viaConfig = m.captureImage(image);
        }
        try (AttentionModel m = AttentionModel.open(plain, options(ImageOverrides.none()))) {
            unchanged = m.captureImage(image);
        }
        assertArrayEquals(viaConfig.toArray(), viaOptions.toArray(), 0f);
        assertFalse(java.util.Arrays.equals(unchanged.toArray(), viaOptions.toArray()),
                "the overrides changed what the model saw");
        // another config file given explicitly is read instead of the one next to the model
        try (AttentionModel m = AttentionModel.open(plain, options(ImageOverrides.builder()
                .config(tuned.resolveSibling("preprocessor_config.json")).build()))) {
            assertArrayEquals(viaConfig.toArray(), m.captureImage(image).toArray(), 0f);
        }
    }

    @Test
    void open_sizeTheModelCannotTake_isRefusedNamingTheOption() throws Exception {
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        Path model = VitOnnx.write(dir.resolve("m"), VitOnnx.vit(spec, 3), VitOnnx.preprocessorConfig(spec, 2));
        ModelException e = assertThrows(ModelException.class, () -> AttentionModel.open(model,
                options(ImageOverrides.builder().size(40, 40).build())));
        assertEquals("the position table of model.onnx has 17 rows but a 40 × 40 image (from --image-size) in "
                + "8-pixel patches gives 26 tokens; give --image-size of a size the model takes (e.g. 32 × 32)",
                e.getMessage());
        e = assertThrows(ModelException.class, () -> AttentionModel.open(model,
                options(ImageOverrides.builder().crop(12, 12).build())));
        assertTrue(e.getMessage().contains("12 × 12 of model.onnx (from --crop-size) is not a multiple of its "
                + "patch size 8"), e.getMessage());
        // no config read, no size given: the size comes from the position table (4 × 4 patches of 8 px)
        try (AttentionModel m = AttentionModel.open(model, options(ImageOverrides.builder().ignoreConfig().build()))) {
            assertEquals("resize: 32 × 32 (from the position table (17 rows, square grid))",
                    m.imagePreprocessor().orElseThrow().settings().get(0));
        }
    }
}

package org.attnplanes.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading images: RGB, grayscale (replicated, raw levels), RGBA (alpha dropped) and palette PNGs are converted as
 * Pillow's {@code convert("RGB")} does; a 16-bit PNG, a CMYK JPEG, a text file, a truncated PNG and a missing file
 * are refused with one sentence naming the option, the file and what is allowed.
 */
class RgbImageTest {

    @TempDir
    Path dir;

    @Test
    void read_grayscalePng_replicatesRawLevels() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        r.setSample(0, 0, 0, 128);
        r.setSample(2, 1, 0, 17);
        Path f = dir.resolve("gray.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage rgb = RgbImage.read(f, "--image");
        assertEquals(3, rgb.width());
        assertEquals(2, rgb.height());
        for (int c = 0; c < 3; c++) {
            assertEquals(128, rgb.sample(0, 0, c));
            assertEquals(17, rgb.sample(2, 1, c));
            assertEquals(0, rgb.sample(1, 0, c));
        }
        assertEquals("grayscale replicated to RGB", rgb.conversion());
    }

    @Test
    void read_rgbaPng_dropsAlphaKeepsColour() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x10203040);
        img.setRGB(1, 0, 0xFFA0B0C0);
        Path f = dir.resolve("rgba.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage rgb = RgbImage.read(f, "--image");
        assertEquals(0x20, rgb.sample(0, 0, 0));
        assertEquals(0x30, rgb.sample(0, 0, 1));
        assertEquals(0x40, rgb.sample(0, 0, 2));
        assertEquals(0xC0, rgb.sample(1, 0, 2));
        assertEquals("alpha dropped", rgb.conversion());
    }

    @Test
    void read_palettePng_looksUpColours() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        img.setRGB(0, 0, 0xFFFF0000);
        img.setRGB(1, 0, 0xFF0000FF);
        Path f = dir.resolve("palette.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage rgb = RgbImage.read(f, "--image");
        assertEquals(255, rgb.sample(0, 0, 0));
        assertEquals(255, rgb.sample(1, 0, 2));
        assertEquals("palette converted to RGB", rgb.conversion());
    }

    @Test
    void read_sixteenBitPng_isRefused() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        Path f = dir.resolve("deep.png");
        ImageIO.write(img, "png", f.toFile());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RgbImage.read(f, "--image"));
        assertEquals("--image = " + f + " is a 16-bit PNG, which is not converted (8 bits per channel are allowed); "
                + "save it with 8 bits per channel", e.getMessage());
    }

    @Test
    void read_cmykJpeg_isRefused() throws Exception {
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        Path f = dir.resolve("cmyk.jpg");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(raster, null, null), null);
        } finally {
            w.dispose();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RgbImage.read(f, "--image"));
        assertEquals("--image = " + f + " is a 4-channel (CMYK or YCCK) JPEG, which is not converted; save it as an "
                + "RGB or grayscale JPEG or PNG", e.getMessage());
    }

    @Test
    void read_textFileMissingFileAndTruncatedPng_areRefused() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "a cat on a mat");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RgbImage.read(text, "--image"));
        assertEquals("--image = " + text + " is not a PNG or JPEG image (its first bytes are neither a PNG nor a JPEG"
                + " signature); give a PNG or JPEG image", e.getMessage());
        Path missing = dir.resolve("none.png");
        e = assertThrows(IllegalArgumentException.class, () -> RgbImage.read(missing, "--image"));
        assertEquals("--image = " + missing + " does not exist; give a PNG or JPEG image", e.getMessage());
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Path whole = dir.resolve("whole.png");
        ImageIO.write(img, "png", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(bytes, 40));
        e = assertThrows(IllegalArgumentException.class, () -> RgbImage.read(cut, "--image"));
        assertTrue(e.getMessage().startsWith("--image = " + cut + " cannot be decoded as a PNG image ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); give an undamaged RGB or grayscale PNG or JPEG"), e.getMessage());
    }
}

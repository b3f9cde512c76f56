package org.attnplanes.render.fx;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/**
 * A texture atlas of distinct colours, one {@value #CELL}×{@value #CELL}-pixel cell per colour, laid out in a
 * square grid. Meshes give every vertex of a face the texture coordinate of a cell centre, which yields
 * per-face RGBA (Prism stores textures premultiplied, so alpha blends correctly). Package-private helper.
 */
final class PaletteAtlas {

    /** Cell edge length in pixels (robust to filtering and mipmaps on real GPUs). */
    static final int CELL = 2;

    private final Map<Integer, Integer> cellOf = new HashMap<>();
    private int[] colours = new int[64];
    private int count;

    /** The cell index of a straight {@code 0xAARRGGBB} colour, adding it when new. */
    int cell(int argb) {
        Integer c = cellOf.get(argb);
        if (c != null) {
            return c;
        }
        if (count == colours.length) {
            colours = java.util.Arrays.copyOf(colours, count * 2);
        }
        colours[count] = argb;
        cellOf.put(argb, count);
        return count++;
    }

    /** Number of cells. */
    int size() {
        return count;
    }

    /** Cells per row of the square grid. */
    int side() {
        return Math.max(1, (int) Math.ceil(Math.sqrt(count)));
    }

    /** Texture coordinates {u0, v0, u1, v1, …} of every cell centre. */
    float[] texCoords() {
        int side = side();
        float px = side * CELL;
        float[] uv = new float[count * 2];
        for (int i = 0; i < count; i++) {
            uv[2 * i] = ((i % side) * CELL + CELL / 2f) / px;
            uv[2 * i + 1] = ((i / side) * CELL + CELL / 2f) / px;
        }
        return uv;
    }

    /** The atlas image (straight ARGB written through a {@code PixelWriter}). */
    WritableImage image() {
        int side = side();
        WritableImage img = new WritableImage(side * CELL, side * CELL);
        PixelWriter w = img.getPixelWriter();
        for (int i = 0; i < count; i++) {
            int x0 = (i % side) * CELL;
            int y0 = (i / side) * CELL;
            for (int dy = 0; dy < CELL; dy++) {
                for (int dx = 0; dx < CELL; dx++) {
                    w.setArgb(x0 + dx, y0 + dy, colours[i]);
                }
            }
        }
        return img;
    }
}

package org.attnplanes.app.cli;

import java.util.Locale;
import java.util.function.UnaryOperator;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.HtmlExporter;
import org.attnplanes.render.export.LabelMode;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Scene;
import picocli.CommandLine.Option;

/**
 * Figure options (picocli mixin): size, pixel scale, camera, title, token labels and legend, mapped onto
 * render's {@link FigureSpec}.
 */
public final class FigureOptions {

    /** Default figure size. */
    static final String DEFAULT_SIZE = "1200x800";
    /** Default size of one small-multiples panel. */
    static final String PANEL_SIZE = "480x600";


    @Option(names = "--size", paramLabel = "WxH",
            description = "Figure (or panel) size in pixels (default " + DEFAULT_SIZE + ", cut to the width the"
                    + " graph needs; " + PANEL_SIZE + " per small-multiples panel; an .html page fills the browser"
                    + " window).")
    String size;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "1",
            description = "PNG pixel density, 0.25..8 (default ${DEFAULT-VALUE}; 2 for print).")
    double scale;

    @Option(names = "--camera", paramLabel = "YAW,PITCH[,DIST]",
            description = "Camera angles in degrees (and distance) around the scene centre, e.g. -62,24.")
    String camera;

    @Option(names = "--title", paramLabel = "TEXT", description = "Figure title (default: built from the input).")
    String title;

    @Option(names = "--labels", paramLabel = "MODE", defaultValue = "first",
            description = "Token labels: none, first (first plane), all (default ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--no-legend", description = "Leave out the legend (PNG/SVG; an .html page always has one).")
    boolean noLegend;

    /** The figure spec for one scene (the camera relative to the scene's own target and distance). */
    public FigureSpec toSpec(Scene scene) {
        return toSpec(scene, DEFAULT_SIZE);
    }

    /** Like {@link #toSpec(Scene)} with another default size ({@code WxH}). */
    public FigureSpec toSpec(Scene scene, String defaultSize) {
        FigureSpec.Builder b = FigureSpec.builder();
        String size = this.size == null ? defaultSize : this.size;
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            b.size(Integer.parseInt(wh[0].strip()), Integer.parseInt(wh[1].strip()));
        } catch (NumberFormatException e) {
            throw new UserInputException("--size " + size + " is not WIDTHxHEIGHT, e.g. 1200x800");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--size " + size + ": " + e.getMessage(), e);
        }
        try {
            b.scale(scale);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--scale " + scale + " is outside [0.25, 8]", e);
        }
        b.labels(switch (labels.toLowerCase(Locale.ROOT)) {
            case "none" -> LabelMode.NONE;
            case "first", "first-plane" -> LabelMode.FIRST_PLANE;
            case "all", "all-planes" -> LabelMode.ALL_PLANES;
            default -> throw new UserInputException("--labels " + labels + " is not one of none, first, all");
        });
        b.legend(!noLegend);
        // without --size a single-scene figure is cut to the width its scene needs (a tall stack fills it)
        b.fit(this.size == null).frame(true);
        if (title != null) {
            b.title(title);
        }
        if (camera != null && scene != null) {
            b.camera(camera(scene.camera()));
        }
        return b.build();
    }

    /**
     * What the figure options set on an interactive HTML page, checked as for a PNG/SVG figure (a bad value exits 2
     * with the same sentence, before anything is written): {@code --camera} (where the page opens), {@code --title},
     * {@code --labels none} (token labels start hidden; first and all show the lowest plane's, which is what the
     * page labels), then {@code more} (e.g. a legend note). {@code --size}, {@code --scale} and {@code --no-legend}
     * do not apply to a page, which fills the browser window.
     */
    public HtmlExporter.Page toPage(UnaryOperator<Scene> more) {
        FigureSpec checked = toSpec(null);
        return new HtmlExporter.Page(s -> {
            toSpec(s);                                   // the camera, checked against the page's own scene
            Scene t = camera == null ? s : s.withCamera(camera(s.camera()));
            return more.apply(title == null ? t : t.withTitle(title));
        }, checked.labels() != LabelMode.NONE);
    }

    /** The {@code --camera} applied to a base camera (its target and, unless given, its distance). */
    Camera camera(Camera base) {
        String[] p = camera.split(",");
        try {
            if (p.length < 2 || p.length > 3) {
                throw new NumberFormatException();
            }
            double yaw = Double.parseDouble(p[0].strip());
            double pitch = Double.parseDouble(p[1].strip());
            double dist = p.length == 3 ? Double.parseDouble(p[2].strip()) : base.distance();
            return Camera.of(yaw, pitch, dist, base.target());
        } catch (NumberFormatException e) {
            throw new UserInputException("--camera " + camera + " is not YAW,PITCH[,DISTANCE] in degrees, e.g. -62,24");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--camera " + camera + ": " + e.getMessage(), e);
        }
    }
}

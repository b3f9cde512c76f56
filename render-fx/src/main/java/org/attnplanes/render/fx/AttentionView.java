package org.attnplanes.render.fx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.MeshView;
import javafx.scene.transform.Affine;
import org.attnplanes.render.export.LabelMode;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;

/**
 * The interactive 3D view of a multi-planar attention {@link Scene}, a reusable JavaFX control.
 *
 * <ul>
 *   <li>Orbit by dragging with the primary button, pan with the secondary or middle button (or shift +
 *       primary), zoom with the scroll wheel. The camera is the {@link #cameraProperty()}.</li>
 *   <li>All edges are one {@code MeshView} (per-edge RGBA from a palette texture, faces sorted back to front
 *       on every camera change); opaque nodes are drawn first, translucent planes last, sorted. During a drag
 *       or a scroll burst only the camera moves; ribbons and face order are refreshed when it ends
 *       ({@link #setInteracting}).</li>
 *   <li>Clicking a node fires {@link AttentionPickEvent#NODE_PICKED} and sets {@link #selectedNodeProperty()};
 *       clicking an edge fires {@link AttentionPickEvent#EDGE_PICKED} and sets {@link #selectedEdgeProperty()}.
 *       A node wins over edges drawn over it: a click within a node's radius on screen (plus 2 px) picks the
 *       node nearest the camera there, whatever edge is in front.
 *       Hovering a node highlights that token's edges in every plane ({@link #hoveredTokenProperty()}).</li>
 *   <li>{@link #thresholdProperty()} hides edges whose |normalized weight| is below it, live.</li>
 * </ul>
 *
 * <pre>{@code
 * AttentionView view = new AttentionView();
 * view.setScene3D(SceneBuilder.build(graph, EncodingSpec.of(Encoding.OPACITY), 0.05));
 * view.addEventHandler(AttentionPickEvent.NODE_PICKED, e -> System.out.println(e.node().label()));
 * view.thresholdProperty().bind(slider.valueProperty());
 * }</pre>
 *
 * Must be used on the JavaFX application thread; needs {@code ConditionalFeature.SCENE3D}.
 */
public class AttentionView extends Region {

    private final ObjectProperty<Scene> scene3d = new SimpleObjectProperty<>(this, "scene3D");
    private final ObjectProperty<Camera> camera = new SimpleObjectProperty<>(this, "camera");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0);
    private final ReadOnlyIntegerWrapper hoveredToken = new ReadOnlyIntegerWrapper(this, "hoveredToken", -1);
    private final ReadOnlyObjectWrapper<NodeDetails> selectedNode = new ReadOnlyObjectWrapper<>(this, "selectedNode");
    private final ReadOnlyObjectWrapper<EdgeDetails> selectedEdge = new ReadOnlyObjectWrapper<>(this, "selectedEdge");
    private final DoubleProperty pixelScale = new SimpleDoubleProperty(this, "pixelScale", 1);

    private final Group world = new Group();
    private final PerspectiveCamera fxCamera = new PerspectiveCamera(true);
    private final Affine cameraTransform = new Affine();
    private final SubScene sub;
    private final ViewOverlay overlay = new ViewOverlay();
    private final AmbientLight flatLight = new AmbientLight(Color.WHITE);
    private final AmbientLight nodeAmbient = new AmbientLight(Color.gray(0.6));
    private final PointLight nodeLight = new PointLight(Color.gray(0.55));

    private EdgeMesh edgeMesh;
    private NodeMesh nodeMesh;
    private PlaneQuads planeQuads;
    private final Map<Long, NodeGlyph> glyphByPlaneNode = new HashMap<>();
    private double sceneSize = 1;
    private boolean sortFaces = true;
    private LabelMode labelMode = LabelMode.FIRST_PLANE;
    private boolean interacting;
    private final javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(150));
    private double pressX;
    private double pressY;
    private long lastUpdateNanos;
    private Camera lastGeometry;
    private boolean incremental = true;
    private boolean keepCamera;
    private boolean rebuilding;
    private long sceneChangeNanos;

    /** An empty view; set a scene with {@link #setScene3D}. */
    public AttentionView() {
        sub = new SubScene(world, 10, 10, true, SceneAntialiasing.DISABLED);
        sub.setCamera(fxCamera);
        sub.setFill(Color.WHITE);
        fxCamera.getTransforms().add(cameraTransform);
        getChildren().addAll(sub, overlay.pane());
        setMinSize(50, 50);
        setPrefSize(900, 650);
        scene3d.addListener((o, a, s) -> rebuild(s));
        camera.addListener((o, a, c) -> updateView());
        threshold.addListener((o, a, t) -> refreshGeometry());
        hoveredToken.addListener((o, a, t) -> refreshGeometry());
        pixelScale.addListener((o, a, t) -> {
            rebuildOverlay(scene3d.get());
            updateView();
        });
        settle.setOnFinished(e -> setInteracting(false));
        installMouse();
    }

    /**
     * While interacting (set during a mouse drag or a burst of scroll events), camera changes move only the
     * camera: the edge ribbons and their back-to-front order are kept from the last full update, which makes
     * a frame a pure re-render. Setting it back to false refreshes ribbons and order at once.
     */
    public void setInteracting(boolean on) {
        if (interacting != on) {
            interacting = on;
            if (!on) {
                updateView();
            }
        }
    }

    /** Whether the view is in the interacting state (see {@link #setInteracting}). */
    public boolean isInteracting() {
        return interacting;
    }

    /** The scene shown. */
    public ObjectProperty<Scene> scene3DProperty() {
        return scene3d;
    }

    /** Shows a scene and resets the camera to the scene's camera. */
    public void setScene3D(Scene s) {
        scene3d.set(s);
    }

    /**
     * Shows another scene of the same graph (e.g. after switching the encoding or the threshold) without
     * resetting the camera; the first scene takes its own camera.
     */
    public void replaceScene3D(Scene s) {
        keepCamera = camera.get() != null;
        try {
            scene3d.set(s);
        } finally {
            keepCamera = false;
        }
    }

    /**
     * Whether a new scene reuses what it shares with the scene shown (default true): the node glyph mesh when
     * the nodes have the same count and colours (moved in place when the layout changed, untouched otherwise),
     * the plane quads when the planes are the same, and the token labels and plane titles when they read the
     * same. A view change of one input (top-k, links, encoding, layout) then uploads only its new edges. False
     * rebuilds every JavaFX node on every scene, as the view did before; it exists to measure the difference.
     */
    public void setIncrementalUpdates(boolean on) {
        this.incremental = on;
    }

    /** Duration of the last scene change on the FX thread (JavaFX nodes and meshes, first geometry) in nanoseconds. */
    public long lastSceneChangeNanos() {
        return sceneChangeNanos;
    }

    /** The scene shown, or null. */
    public Scene getScene3D() {
        return scene3d.get();
    }

    /** The orbit camera; setting it re-renders. */
    public ObjectProperty<Camera> cameraProperty() {
        return camera;
    }

    /** The current camera, or null before a scene is set. */
    public Camera getCamera() {
        return camera.get();
    }

    /** Sets the camera. */
    public void setCamera(Camera c) {
        camera.set(c);
    }

    /** Edges with |normalized weight| below this value are hidden (live); default 0. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** The token under the pointer, or −1. */
    public ReadOnlyIntegerProperty hoveredTokenProperty() {
        return hoveredToken.getReadOnlyProperty();
    }

    /** The last clicked node, or null. */
    public ReadOnlyObjectProperty<NodeDetails> selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    /** The last clicked edge, or null. */
    public ReadOnlyObjectProperty<EdgeDetails> selectedEdgeProperty() {
        return selectedEdge.getReadOnlyProperty();
    }

    /** Multiplies edge widths and overlay fonts (for high-resolution snapshots); default 1. */
    public DoubleProperty pixelScaleProperty() {
        return pixelScale;
    }

    /** Sets the multiplier of edge widths and overlay fonts. */
    public void setPixelScale(double k) {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("pixelScale = " + k + " must be finite and > 0");
        }
        pixelScale.set(k);
    }

    /** Which token labels the overlay shows (default {@link LabelMode#FIRST_PLANE}). */
    public void setLabelMode(LabelMode mode) {
        this.labelMode = java.util.Objects.requireNonNull(mode, "mode");
        rebuildOverlay(scene3d.get());
        updateView();
    }

    /** Removes the legend overlay (until the next scene is set). */
    public void hideLegend() {
        overlay.hideLegend();
    }

    /** Sets the hovered token programmatically (−1 clears), highlighting its edges in every plane. */
    public void setHoveredToken(int token) {
        hoveredToken.set(token);
    }

    /** Whether translucent edge faces are re-sorted back to front on camera changes (default true). */
    public void setSortFaces(boolean sort) {
        this.sortFaces = sort;
        updateView();
    }

    /** Registers a handler for node clicks. */
    public void setOnNodePicked(EventHandler<AttentionPickEvent> h) {
        addEventHandler(AttentionPickEvent.NODE_PICKED, h);
    }

    /** Registers a handler for edge clicks. */
    public void setOnEdgePicked(EventHandler<AttentionPickEvent> h) {
        addEventHandler(AttentionPickEvent.EDGE_PICKED, h);
    }

    /** Number of edges currently drawn (after the threshold). */
    public int visibleEdgeCount() {
        return edgeMesh == null ? 0 : edgeMesh.visibleCount();
    }

    /** The edge mesh (package-private, for tests). */
    EdgeMesh edgeMesh() {
        return edgeMesh;
    }

    /** The node glyph mesh (package-private, for tests). */
    NodeMesh nodeMesh() {
        return nodeMesh;
    }

    /** The token-label and title overlay (package-private, for tests). */
    ViewOverlay overlay() {
        return overlay;
    }

    /** Duration of the last geometry update (ribbons, sort, upload) in nanoseconds. */
    public long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    /** Where a world point appears in this view's local coordinates under the current camera. */
    public Point2D localPosition(Vec3 world) {
        Projection p = projection();
        if (p == null) {
            throw new IllegalStateException("the view has no scene or no size yet");
        }
        double[] xy = p.project(world);
        return new Point2D(xy[0], xy[1]);
    }

    /** The subscene that renders the 3D content (for snapshots and embedding tweaks). */
    public SubScene subScene() {
        return sub;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        boolean resized = sub.getWidth() != w || sub.getHeight() != h;
        if (resized) {
            sub.setWidth(w);
            sub.setHeight(h);
        }
        overlay.layout(w, h, resized);
        if (resized) {
            updateView();
        }
    }

    private Projection projection() {
        Camera c = camera.get();
        if (c == null || sub.getWidth() <= 1 || sub.getHeight() <= 1) {
            return null;
        }
        return new Projection(c, sub.getWidth(), sub.getHeight());
    }

    private void rebuild(Scene s) {
        long t0 = System.nanoTime();
        rebuilding = true;
        try {
            selectedNode.set(null);
            selectedEdge.set(null);
            hoveredToken.set(-1);
        } finally {
            rebuilding = false;
        }
        glyphByPlaneNode.clear();
        lastGeometry = null;
        if (s == null) {
            world.getChildren().clear();
            flatLight.getScope().clear();
            nodeAmbient.getScope().clear();
            nodeLight.getScope().clear();
            planeQuads = null;
            edgeMesh = null;
            nodeMesh = null;
            rebuildOverlay(null);
            return;
        }
        sceneSize = Math.max(1e-9, s.boundsMax().minus(s.boundsMin()).length());
        if (!incremental || nodeMesh == null || !nodeMesh.reuseFor(s.nodes())) {
            nodeMesh = new NodeMesh(s.nodes());
        }
        edgeMesh = new EdgeMesh(s.edges(), s.links(), EdgeMesh.arcPlanes(s));
        if (!incremental || planeQuads == null || !planeQuads.shows(s.planes(), s.images(), sceneSize)) {
            planeQuads = new PlaneQuads(s.planes(), s.images(), sceneSize);
        }
        for (NodeGlyph g : s.nodes()) {
            glyphByPlaneNode.put(key(g.plane(), g.node()), g);
        }
        List<Node> flat = new ArrayList<>();
        flat.add(edgeMesh.view());
        flat.addAll(planeQuads.views());
        if (!incremental) {
            world.getChildren().clear();
        }
        flatLight.getScope().setAll(flat);
        nodeAmbient.getScope().setAll(List.of(nodeMesh.view()));
        nodeLight.getScope().setAll(List.of(nodeMesh.view()));
        List<Node> children = new ArrayList<>();
        children.add(nodeMesh.view());
        children.add(edgeMesh.view());
        children.addAll(planeQuads.views());
        children.add(flatLight);
        children.add(nodeAmbient);
        children.add(nodeLight);
        WorldChildren.set(world, children);
        overlay.rebuild(s, labelMode, pixelScale.get(), incremental);
        requestLayout();
        if (keepCamera || camera.get() == s.camera()) {
            updateView();
        } else {
            camera.set(s.camera());
        }
        sceneChangeNanos = System.nanoTime() - t0;
    }

    private static long key(int plane, int node) {
        return ((long) plane << 32) | (node & 0xFFFFFFFFL);
    }

    /** Threshold and highlight changes always rebuild the faces, even while interacting. */
    private void refreshGeometry() {
        if (rebuilding) {
            return;
        }
        lastGeometry = null;
        updateView();
    }

    private void updateView() {
        Projection proj = projection();
        if (proj == null || edgeMesh == null) {
            return;
        }
        long t0 = System.nanoTime();
        Camera c = proj.camera();
        Vec3 e = c.eye();
        Vec3 r = c.right();
        Vec3 u = c.up();
        Vec3 f = c.forward();
        cameraTransform.setToTransform(r.x(), -u.x(), f.x(), e.x(), r.y(), -u.y(), f.y(), e.y(), r.z(), -u.z(),
                f.z(), e.z());
        fxCamera.setFieldOfView(c.fieldOfViewDegrees());
        fxCamera.setNearClip(Math.max(1e-6, c.distance() * 0.01));
        fxCamera.setFarClip(c.distance() * 4 + sceneSize * 4);
        nodeLight.setTranslateX(e.x() + u.x() * c.distance() * 0.3);
        nodeLight.setTranslateY(e.y() + u.y() * c.distance() * 0.3);
        nodeLight.setTranslateZ(e.z() + u.z() * c.distance() * 0.3);
        if (!interacting || lastGeometry == null) {
            edgeMesh.update(proj, pixelScale.get(), threshold.get(), hoveredToken.get(), sortFaces);
            lastGeometry = c;
        }
        orderPlanes(e);
        overlay.place(proj);
        lastUpdateNanos = System.nanoTime() - t0;
    }

    private void orderPlanes(Vec3 eye) {
        if (planeQuads == null || planeQuads.views().isEmpty()) {
            return;
        }
        List<Node> kids = new ArrayList<>(world.getChildren().size());
        kids.add(nodeMesh.view());
        kids.add(edgeMesh.view());
        kids.addAll(planeQuads.order(eye));
        kids.add(flatLight);
        kids.add(nodeAmbient);
        kids.add(nodeLight);
        if (!kids.equals(world.getChildren())) {
            WorldChildren.set(world, kids);
        }
    }

    private void rebuildOverlay(Scene s) {
        overlay.rebuild(s, labelMode, pixelScale.get(), false);
        requestLayout();
    }

    static Color fx(Rgba c) {
        return Color.color(c.r(), c.g(), c.b(), c.a());
    }

    private void installMouse() {
        sub.setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
        });
        sub.setOnMouseReleased(e -> {
            settle.stop();
            setInteracting(false);
        });
        sub.setOnMouseDragged(e -> {
            Camera c = camera.get();
            if (c == null) {
                return;
            }
            double dx = e.getX() - pressX;
            double dy = e.getY() - pressY;
            pressX = e.getX();
            pressY = e.getY();
            setInteracting(true);
            boolean pan = e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                    || e.isShiftDown();
            if (pan) {
                double perPixel = c.distance() / new Projection(c, Math.max(1, sub.getWidth()),
                        Math.max(1, sub.getHeight())).focalPx();
                camera.set(c.pan(-dx * perPixel, dy * perPixel));
            } else {
                camera.set(c.orbit(-dx * 0.4, dy * 0.3));
            }
        });
        sub.setOnScroll((ScrollEvent e) -> {
            Camera c = camera.get();
            if (c != null && e.getDeltaY() != 0) {
                setInteracting(true);
                camera.set(c.zoom(Math.exp(-e.getDeltaY() * 0.0025)));
                settle.playFromStart();
            }
        });
        sub.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                pick(e);
            }
        });
        sub.setOnMouseMoved(e -> hover(e));
        sub.setOnMouseExited(e -> setHover(-1));
    }

    /**
     * The node glyph (index into the scene's nodes) whose pick radius contains the view point {@code (x, y)}, the
     * one nearest the camera when several do; −1 when none does ({@link NodeMesh#nodeAt}).
     */
    int nodeAt(double x, double y) {
        Scene s = scene3d.get();
        Projection proj = projection();
        return s == null || proj == null ? -1 : NodeMesh.nodeAt(s.nodes(), proj, x, y);
    }

    /** The node under the pointer: by pick radius first, else what JavaFX picked, or −1. */
    private int nodeUnder(MouseEvent e) {
        int k = nodeAt(e.getX(), e.getY());
        if (k >= 0) {
            return k;
        }
        PickResult pr = e.getPickResult();
        if (nodeMesh != null && pr != null && pr.getIntersectedNode() == nodeMesh.view()) {
            int f = nodeMesh.nodeOfFace(pr.getIntersectedFace());
            if (f >= 0 && f < scene3d.get().nodes().size()) {
                return f;
            }
        }
        return -1;
    }

    private void hover(MouseEvent e) {
        int k = scene3d.get() == null ? -1 : nodeUnder(e);
        setHover(k < 0 ? -1 : scene3d.get().nodes().get(k).node());
    }

    private void setHover(int token) {
        if (hoveredToken.get() != token) {
            hoveredToken.set(token);
            fireEvent(new AttentionPickEvent(this, this, AttentionPickEvent.TOKEN_HOVERED, null, null, token));
        }
    }

    private void pick(MouseEvent e) {
        PickResult pr = e.getPickResult();
        Scene s = scene3d.get();
        if (s == null || pr == null) {
            return;
        }
        Node hit = pr.getIntersectedNode();
        int node = nodeUnder(e);
        if (node >= 0) {
            NodeDetails d = details(s.nodes().get(node));
            selectedNode.set(d);
            fireEvent(new AttentionPickEvent(this, this, AttentionPickEvent.NODE_PICKED, d, null, d.token()));
        } else if (edgeMesh != null && hit == edgeMesh.view()) {
            int k = edgeMesh.edgeOfFace(pr.getIntersectedFace());
            if (k >= 0) {
                EdgeSegment edge = s.edges().get(k);
                EdgeDetails d = new EdgeDetails(edge, label(edge.plane(), edge.source()), label(edge.plane(), edge.target()));
                selectedEdge.set(d);
                fireEvent(new AttentionPickEvent(this, this, AttentionPickEvent.EDGE_PICKED, null, d, edge.source()));
            }
        }
    }

    /** The details reported for a node glyph of the current scene. */
    public NodeDetails details(NodeGlyph g) {
        NodeGlyph.NodeStats st = g.stats();
        return new NodeDetails(g, g.node(), g.label(), g.plane(), g.layer(), label(g.plane(), st.strongestIn()),
                st.strongestInWeight(), label(g.plane(), st.strongestOut()), st.strongestOutWeight());
    }

    private String label(int plane, int node) {
        NodeGlyph g = node < 0 ? null : glyphByPlaneNode.get(key(plane, node));
        return g == null ? "" : g.label();
    }

    @Override
    public String toString() {
        Scene s = scene3d.get();
        return String.format(Locale.ROOT, "AttentionView[%s, %d edges visible]", s == null ? "empty" : s.title(),
                visibleEdgeCount());
    }
}

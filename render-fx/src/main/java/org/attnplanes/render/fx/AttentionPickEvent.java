package org.attnplanes.render.fx;

import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.event.EventType;

/**
 * Fired by {@link AttentionView} when the user clicks a node or an edge, or hovers over a token.
 * Exactly one of {@link #node()} and {@link #edge()} is non-null for picks; for {@link #TOKEN_HOVERED}
 * {@link #token()} is the hovered token or −1 when the pointer left every node.
 */
public final class AttentionPickEvent extends Event {

    private static final long serialVersionUID = 1L;

    /** Any pick event. */
    public static final EventType<AttentionPickEvent> ANY = new EventType<>(Event.ANY, "ATTENTION_PICK");
    /** A node was clicked. */
    public static final EventType<AttentionPickEvent> NODE_PICKED = new EventType<>(ANY, "NODE_PICKED");
    /** An edge was clicked. */
    public static final EventType<AttentionPickEvent> EDGE_PICKED = new EventType<>(ANY, "EDGE_PICKED");
    /** The hovered token changed. */
    public static final EventType<AttentionPickEvent> TOKEN_HOVERED = new EventType<>(ANY, "TOKEN_HOVERED");

    private final transient NodeDetails node;
    private final transient EdgeDetails edge;
    private final int token;

    AttentionPickEvent(Object source, EventTarget target, EventType<AttentionPickEvent> type, NodeDetails node,
                       EdgeDetails edge, int token) {
        super(source, target, type);
        this.node = node;
        this.edge = edge;
        this.token = token;
    }

    /** The clicked node, or null. */
    public NodeDetails node() {
        return node;
    }

    /** The clicked edge, or null. */
    public EdgeDetails edge() {
        return edge;
    }

    /** The token concerned (clicked node's token, an edge's source, or the hovered token; −1 for none). */
    public int token() {
        return token;
    }
}

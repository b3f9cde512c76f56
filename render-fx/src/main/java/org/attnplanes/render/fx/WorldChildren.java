package org.attnplanes.render.fx;

import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;

/** Setting the children of {@link AttentionView}'s 3D world group. */
final class WorldChildren {

    private WorldChildren() {
    }

    /**
     * Makes {@code want} the world's children, touching as little as possible: where only fresh nodes take the
     * place of old ones (a new edge mesh, new plane quads), those places are set one by one, so the nodes that
     * stay are not removed and re-added.
     */
    static void set(Group world, List<Node> want) {
        List<Node> have = world.getChildren();
        boolean inPlace = have.size() == want.size();
        for (int i = 0; inPlace && i < want.size(); i++) {
            Node w = want.get(i);
            inPlace = have.get(i) == w || w.getParent() != world;
        }
        if (!inPlace) {
            world.getChildren().setAll(want);
            return;
        }
        for (int i = 0; i < want.size(); i++) {
            if (have.get(i) != want.get(i)) {
                world.getChildren().set(i, want.get(i));
            }
        }
    }
}

package org.attnplanes.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.attnplanes.app.workbench.LayerSelections;
import org.attnplanes.app.workbench.TopologySettings;
import org.junit.jupiter.api.Test;

/** Validation errors carry the parameter they are about, so nobody maps message text back to a flag. */
class UserInputExceptionTest {

    @Test
    void settingsErrors_nameTheirParameter_andReadAsOneSentence() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new TopologySettings(List.of(0.1), 4, 3, false, false));
        assertEquals(Optional.of("--max-dim"), e.parameter());
        assertEquals("--max-dim 4 is outside [0, 3]", e.getMessage());
        e = assertThrows(UserInputException.class, () -> new TopologySettings(List.of(0.1, 2.0), 1, 3, false, false));
        assertEquals("--thresholds 2.0 is outside (0, 1]", e.getMessage());
        e = assertThrows(UserInputException.class, () -> LayerSelections.parse("3..x"));
        assertEquals(Optional.of("--layers"), e.parameter());
        assertTrue(e.getMessage().startsWith("--layers 3..x is not a layer selection"), e.getMessage());
    }

    @Test
    void labelled_renamesTheParameterOnly() {
        UserInputException e = UserInputException.of("--layers", "3..x", "is not a layer selection");
        UserInputException l = e.labelled("Layers");
        assertEquals("Layers 3..x is not a layer selection", l.getMessage());
        assertEquals(Optional.of("--layers"), l.parameter());
        UserInputException plain = new UserInputException("no input could be analysed");
        assertSame(plain, plain.labelled("Layers"));
    }
}

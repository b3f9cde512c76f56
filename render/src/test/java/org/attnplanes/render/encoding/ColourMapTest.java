package org.attnplanes.render.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnplanes.render.scene.Rgba;
import org.junit.jupiter.api.Test;

class ColourMapTest {

    @Test
    void entries_sequentialMaps_matchPublishedEndpoints() {
        assertEquals(256, ColourMap.VIRIDIS.size());
        assertEquals(0xFF440154, ColourMap.VIRIDIS.entry(0));
        assertEquals(0xFFFDE724, ColourMap.VIRIDIS.entry(255));
        assertEquals(0xFF20908C, ColourMap.VIRIDIS.entry(128), "matplotlib viridis[128] = (0.1287, 0.5633, 0.5512)");
        assertEquals(0xFF000003, ColourMap.MAGMA.entry(0));
        assertEquals(0xFFFBFCBF, ColourMap.MAGMA.entry(255));
        assertEquals(0xFF00204C, ColourMap.CIVIDIS.entry(0));
        assertEquals(0xFFFFE945, ColourMap.CIVIDIS.entry(255));
    }

    @Test
    void at_sequentialMaps_lightnessIncreasesMonotonically() {
        for (ColourMap m : new ColourMap[] {ColourMap.VIRIDIS, ColourMap.CIVIDIS, ColourMap.MAGMA}) {
            double prev = -1;
            for (int i = 0; i <= 32; i++) {
                Rgba c = m.at(i / 32.0);
                double y = 0.2126 * c.r() + 0.7152 * c.g() + 0.0722 * c.b();
                assertTrue(y > prev - 1e-3, m + " luminance fell at t = " + i / 32.0 + ": " + y + " < " + prev);
                prev = y;
            }
        }
    }

    @Test
    void at_diverging_isNeutralInTheMiddleAndBlueRedAtEnds() {
        Rgba mid = ColourMap.BLUE_RED.at(0.5);
        assertTrue(mid.r() > 0.9 && mid.g() > 0.9 && mid.b() > 0.9, "middle should be near white: " + mid);
        Rgba lo = ColourMap.BLUE_RED.at(0);
        Rgba hi = ColourMap.BLUE_RED.at(1);
        assertTrue(lo.b() > lo.r(), "low end should be blue: " + lo);
        assertTrue(hi.r() > hi.b(), "high end should be red: " + hi);
    }

    @Test
    void at_endpoints_equalTableEntries() {
        assertEquals(ColourMap.MAGMA.entry(0), ColourMap.MAGMA.at(0).toArgb());
        assertEquals(ColourMap.MAGMA.entry(255), ColourMap.MAGMA.at(1).toArgb());
        assertEquals(ColourMap.MAGMA.entry(255), ColourMap.MAGMA.at(7).toArgb(), "t is clamped");
    }

    @Test
    void at_nan_failsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColourMap.VIRIDIS.at(Double.NaN));
        assertEquals("colour map position t = NaN must be a number in [0, 1]", e.getMessage());
    }

    @Test
    void byName_unknown_listsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColourMap.byName("jet"));
        assertEquals("colour map \"jet\" is not one of [viridis, cividis, magma, blue-red]", e.getMessage());
        assertEquals(ColourMap.CIVIDIS, ColourMap.byName("Cividis"));
    }
}

package org.attnplanes.topology.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // expected strings are what C++ std::cout << float prints (default precision 6)
        "1.4142135, 1.41421",
        "0.5, 0.5",
        "0.00001, 1e-05",
        "1000000, 1e+06",
        "123456.7, 123457",
        "1234567, 1.23457e+06",
        "0.000123456789, 0.000123457",
        "0.1, 0.1",
        "0.30000001, 0.3",
        "2, 2",
        "0.99999994, 1",
        "0.0001, 0.0001",
        "999999.5, 1e+06",
    })
    void formatG_likeCppOstream(float v, String expected) {
        assertEquals(expected, BarcodeText.formatG(v));
    }

    @Test
    void toRipserText_finiteAndEssential_ripserLayout() {
        Barcodes b = new Barcodes(List.of(
                new Barcode(0, List.of(new PersistenceInterval(0f, 0.5f), PersistenceInterval.essential(0f))),
                new Barcode(1, List.of(new PersistenceInterval(0.25f, 0.75f)))));
        assertEquals("persistence intervals in dim 0:\n [0,0.5)\n [0, )\npersistence intervals in dim 1:\n [0.25,0.75)\n",
                BarcodeText.toRipserText(b));
    }

    @Test
    void barLines_readRipsersOutputAndOurs_headersSkipped_emptyDimensionKept() {
        String ripser = "value range: [0.25,1]\ndistance matrix with 4 points, using threshold at enclosing radius 1\n"
                + "persistence intervals in dim 0:\n [0,0.5)\n [0, )\npersistence intervals in dim 1:\n"
                + "persistence intervals in dim 2:\n [0.25,0.75)\n";
        assertEquals(Map.of(0, List.of("[0,0.5)", "[0, )"), 1, List.of(), 2, List.of("[0.25,0.75)")),
                BarcodeText.barLines(ripser));
        Barcodes b = new Barcodes(List.of(
                new Barcode(0, List.of(new PersistenceInterval(0f, 1e-5f), PersistenceInterval.essential(0f))),
                new Barcode(1, List.of(new PersistenceInterval(0.1f, 1234567f)))));
        assertEquals(Map.of(0, List.of("[0,1e-05)", "[0, )"), 1, List.of("[0.1,1.23457e+06)")),
                BarcodeText.barLines(BarcodeText.toRipserText(b)));
        assertEquals(Map.of(), BarcodeText.barLines("value range: [inf,-inf]\n"));
    }
}

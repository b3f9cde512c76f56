package org.attnplanes.topology.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attnplanes.topology.filtration.DistanceMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistanceMatrixReaderTest {

    @Test
    void parse_lowerDistance_readsTriangle() {
        DistanceMatrix d = DistanceMatrixReader.parse("1\n2,3\n4 5 6\n", InputFormat.LOWER_DISTANCE);
        assertEquals(4, d.size());
        assertEquals(1f, d.distance(1, 0));
        assertEquals(3f, d.distance(1, 2));
        assertEquals(6f, d.distance(3, 2));
        assertEquals(0f, d.distance(2, 2));
    }

    @Test
    void parse_distance_readsSymmetricMatrix() {
        DistanceMatrix d = DistanceMatrixReader.parse("0 1 2\n1 0 3\n2 3 0\n", InputFormat.DISTANCE);
        assertEquals(3f, d.distance(2, 1));
    }

    @Test
    void parse_sparse_missingPairsNeverEnter() {
        DistanceMatrix d = DistanceMatrixReader.parse("0 1 0.5\n\n2 1 0.25\n", InputFormat.SPARSE);
        assertEquals(3, d.size());
        assertEquals(0.25f, d.distance(1, 2));
        assertEquals(Float.POSITIVE_INFINITY, d.distance(0, 2));
    }

    @Test
    void parse_pointCloud_euclideanInFloat() {
        DistanceMatrix d = DistanceMatrixReader.parse("0,0\n3,4\n", InputFormat.POINT_CLOUD);
        assertEquals(5f, d.distance(0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lower-distance|1\\n2,x\\n|<input> line 2: \"x\" is not a number",
        "lower-distance|1\\n2,3\\n4\\n|<input>: 4 values is not a lower triangle n(n-1)/2 of any n (lower-distance format: line i holds the i distances d(i,0) .. d(i,i-1))",
        "lower-distance|1\\n2,-3\\n|<input> line 2: d(2,1) = -3.0 is negative; distances must be >= 0",
        "lower-distance|1\\nNaN,3\\n|<input> line 2: value NaN is NaN",
        "distance|0 1\\n1 0 2\\n|<input> line 2: row 1 has 3 values but the matrix has 2 rows (distance format needs a square matrix)",
        "distance|0 1 2\\n1 0 3\\n2 4 0\\n|<input> line 3: matrix is not symmetric: d(2,1) = 4.0 but d(1,2) = 3.0 on line 2",
        "distance|0 1\\n1 0.5\\n|<input> line 2: diagonal d(1,1) = 0.5 must be 0",
        "point-cloud|1,2\\n3\\n|<input> line 2: point has 1 coordinates but the first point (line 1) has 2",
        "sparse|0 1\\n|<input> line 1: expected \"i j distance\" but found 2 values (sparse format)",
        "sparse|0 1.5 2\\n|<input> line 1: vertex index 1.5 must be an integer in [0, 65536)",
        "sparse|0 1 1\\n1 0 2\\n|<input> line 2: edge 1 0 has distance 2.0 but line 1 gave 1.0",
        "sparse|3 3 1\\n|<input> line 1: self-loop 3 3 is not an edge",
    })
    void parse_badInput_messageNamesLineAndProblem(String format, String text, String message) {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> DistanceMatrixReader.parse(text.replace("\\n", "\n"), InputFormat.fromCliName(format)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void fromCliName_unknown_listsAllowed() {
        assertEquals("format \"binary\" is not one of [lower-distance, distance, point-cloud, sparse]",
                assertThrows(IllegalArgumentException.class, () -> InputFormat.fromCliName("binary")).getMessage());
    }

    @Test
    void read_missingFile_namesFile() {
        var e = assertThrows(java.io.UncheckedIOException.class,
                () -> DistanceMatrixReader.read(java.nio.file.Path.of("no/such/file.txt"), InputFormat.DISTANCE));
        assertEquals(true, e.getMessage().startsWith("cannot read no/such/file.txt"), e.getMessage());
    }
}

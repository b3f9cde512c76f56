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
        "lower-distance|1\\nNaN,3\\n|<input> line 2: value NaN is NaN; every value must be a number (a distance >= 0 or inf, or a coordinate)",
        "distance|0 1\\n1 0 2\\n|<input> line 2: row 1 has 3 values but the matrix has 2 rows (distance format needs a square matrix)",
        "distance|0 1 2\\n1 0 3\\n2 4 0\\n|<input> line 3: matrix is not symmetric: d(2,1) = 4.0 but d(1,2) = 3.0 on line 2",
        "distance|0 1\\n1 0.5\\n|<input> line 2: diagonal d(1,1) = 0.5 must be 0",
        "point-cloud|1,2\\n3\\n|<input> line 2: point has 1 coordinates but the first point (line 1) has 2",
        "sparse|0 1\\n|<input> line 1: expected \"i j distance\" but found 2 values (sparse format)",
        "sparse|0 1.5 2\\n|<input> line 1: vertex index 1.5 must be an integer in [0, 65536)",
        "sparse|0 1 1\\n1 0 2\\n|<input> line 2: edge 1 0 has distance 2.0 but line 1 gave 1.0",
        "sparse|3 3 1\\n|<input> line 1: self-loop 3 3 is not an edge",
        "sparse|0 5 1\\n9 2 1\\n5 0 1.5\\n|<input> line 3: edge 5 0 has distance 1.5 but line 1 gave 1.0",
        // issue 12.9: ragged rows whose total happens to be triangular, and empty matrices, were accepted
        "lower-distance|1 2\\n3\\n|<input> line 1: row 1 has 2 values but must hold 1 (lower-distance row i holds d(i,0) .. d(i,i-1); put each row on its own line, or all values on one line)",
        "lower-distance|1\\n2 3 4\\n5 6\\n|<input> line 2: row 2 has 3 values but must hold 2 (lower-distance row i holds d(i,0) .. d(i,i-1); put each row on its own line, or all values on one line)",
        "lower-distance|\\n \\n|<input>: no distances: the matrix is empty (ripser aborts on an empty matrix; a lower-distance matrix of n >= 2 points has n(n-1)/2 values)",
        "distance|\\n|<input>: no rows: the matrix is empty (ripser aborts on an empty matrix)",
        "point-cloud|\\n|<input>: no points: the point cloud is empty (ripser crashes on an empty point cloud)",
    })
    void parse_badInput_messageNamesLineAndProblem(String format, String text, String message) {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> DistanceMatrixReader.parse(text.replace("\\n", "\n"), InputFormat.fromCliName(format)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void parse_lowerDistanceOnOneLine_isAccepted() {
        assertEquals(DistanceMatrixReader.parse("1\n2,3\n4 5 6\n", InputFormat.LOWER_DISTANCE),
                DistanceMatrixReader.parse("1 2 3 4 5 6\n", InputFormat.LOWER_DISTANCE));
    }

    @Test
    void parseSparse_farIndex_staysSparse() {
        // issue 12.3: "0 65535 1" used to allocate the dense 65536-point triangle (8.6 GB)
        var d = DistanceMatrixReader.parseSparse("0 65535 1\n");
        assertEquals(65_536, d.size());
        assertEquals(1, d.entryCount());
        assertEquals(65_535, d.hi(0));
        assertEquals(0, d.lo(0));
    }

    @Test
    void parseSparse_empty_hasNoPoints() {
        // as ripser: "sparse distance matrix with 0 points"
        assertEquals(0, DistanceMatrixReader.parseSparse("\n").size());
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

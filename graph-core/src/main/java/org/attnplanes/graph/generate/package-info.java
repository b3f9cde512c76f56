/**
 * Seeded synthetic attention traces for demos, tests and benchmarks that need attention-shaped data without a
 * model (like JGraphT's {@code org.jgrapht.generate}).
 */
package org.attnplanes.graph.generate;

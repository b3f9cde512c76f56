/**
 * The picocli commands of {@code attnplanes}: they parse options into typed values (picocli converters in
 * {@link org.attnplanes.app.cli.Choices}, defaults from the code) and call the application layer
 * ({@link org.attnplanes.app.workbench}); plus error reporting and exit codes. No other app package uses this one.
 */
package org.attnplanes.app.cli;

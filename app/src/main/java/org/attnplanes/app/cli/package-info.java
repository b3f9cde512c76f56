/**
 * The picocli commands of {@code attnplanes} and what they share: the view/graph option mixin,
 * error reporting and exit codes.
 */
package org.attnplanes.app.cli;

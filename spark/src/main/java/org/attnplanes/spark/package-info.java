/**
 * {@code attnplanes spark-analyze}: the {@code analyze} pipeline as an Apache Spark job writing Parquet
 * ({@link org.attnplanes.spark.AnalyzeJob}); {@code AppAdapter} is its one door into the app layer.
 */
package org.attnplanes.spark;

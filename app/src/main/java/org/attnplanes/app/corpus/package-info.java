/**
 * Reading corpora for batch analysis: one input per line of a {@code .txt} file, one column of a
 * {@code .csv}/{@code .tsv} file, or one field of a {@code .jsonl} file. Bad entries (empty,
 * undecodable, missing field) are returned as {@link org.attnplanes.app.corpus.CorpusEntry} values
 * with a problem so the caller can report and skip them.
 */
package org.attnplanes.app.corpus;

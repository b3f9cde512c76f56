/**
 * Internal to the topology module: the Ripser-style engine ({@code RipsEngine}), the small-plane engine
 * ({@code SmallFlagEngine}) and their primitive helpers (binomial table, union-find, filtration sort, apparent
 * pairs, pivot map, compressed sparse reduction matrix, edge collapser). Not exported; no compatibility promises.
 */
package org.attnplanes.topology.persistence.internal;

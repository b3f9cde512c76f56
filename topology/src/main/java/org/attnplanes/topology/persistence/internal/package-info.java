/**
 * Internal to the topology module: the Ripser-style engine and its primitive helpers (binomial table,
 * union-find, primitive heap and hash map, compressed sparse reduction matrix, edge collapser). Not exported;
 * no compatibility promises.
 */
package org.attnplanes.topology.persistence.internal;

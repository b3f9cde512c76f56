/**
 * Small helpers shared by the topology packages' hot loops; not exported.
 */
package org.attnplanes.topology.internal;

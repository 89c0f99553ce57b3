/** Random page replacement: a uniformly chosen resident page, from the run's seeded random source. */
package io.vmlab.policy.random;

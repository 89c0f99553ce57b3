/**
 * Benchmarks of the simulator itself ({@code vmlab bench}): how many system calls per second the
 * kernel model sustains, timed in rounds after a warm-up, with the system's own counters checked
 * so that every timed call did what it should.
 */
package io.vmlab.app.bench;

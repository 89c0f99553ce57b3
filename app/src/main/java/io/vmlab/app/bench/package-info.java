/**
 * Benchmarks of the simulator itself ({@code vmlab bench}): VMA system calls, MMU accesses and heap
 * per resident page, trace replays; each timed part checks that it did what it should.
 */
package io.vmlab.app.bench;

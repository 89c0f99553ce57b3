/** Benchmarks behind {@code vmlab bench}: what the simulator sustains, measured end to end. */
package io.vmlab.app.bench;

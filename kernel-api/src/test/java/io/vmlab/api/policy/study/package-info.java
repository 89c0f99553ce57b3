/**
 * A tiny in-memory policy-study harness for tests: a trace of page references with writes, a
 * {@link io.vmlab.api.policy.ReplacementContext} over it, a driver that calls an evictor the way
 * the kernel's policy-study mode does, and straightforward O(n) textbook implementations of fifo,
 * lru, clock and opt to check policies (and the kernel) against. Shipped as kernel-api's test-jar.
 */
package io.vmlab.api.policy.study;

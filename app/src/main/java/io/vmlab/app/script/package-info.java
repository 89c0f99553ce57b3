/**
 * The step vocabulary of scenarios, cases and experiments (mmap, munmap, mprotect, mremap, brk,
 * madvise, mlock, touch, peek, read, write, fork, and the observations maps, smaps, status,
 * statm, minflt), run against a simulated process, with results in the conformance case format.
 */
package io.vmlab.app.script;

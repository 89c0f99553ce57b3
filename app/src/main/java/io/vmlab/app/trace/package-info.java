/**
 * Memory-access traces: valgrind lackey logs, plain page lists and vmlab's compact binary form,
 * read as one stream of page references ({@link io.vmlab.app.trace.PageRef} words in reusable
 * {@code long[]} batches, nothing allocated per access), with statistics and the next-use
 * positions Belady's OPT needs. {@link io.vmlab.app.trace.TraceSource} is the entry point.
 */
package io.vmlab.app.trace;

/**
 * The future of a trace for Belady's OPT: for every reference, the position of the next reference
 * to the same page, computed in one backward pass over the binary form and kept in a temporary
 * file that streams forward alongside the trace, so memory stays fixed whatever the trace length.
 */
package io.vmlab.app.trace.opt;

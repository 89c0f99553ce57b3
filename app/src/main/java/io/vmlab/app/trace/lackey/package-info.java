/**
 * valgrind lackey logs ({@code valgrind --tool=lackey --trace-mem=yes}): lines {@code I  addr,size}
 * (instruction fetch), {@code  L}, {@code  S}, {@code  M addr,size} (load, store, modify), parsed
 * in place in a large byte buffer, with page-spanning accesses split into one reference per page.
 */
package io.vmlab.app.trace.lackey;

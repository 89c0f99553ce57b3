/**
 * Running real programs: host ELF files become files of the simulated machine, interpreters
 * are found under a root directory, and an exec's result (maps, auxv, the initial stack) is
 * reported as text or JSON.
 */
package io.vmlab.app.exec;

/**
 * /proc/PID/{maps, smaps, smaps_rollup, status, statm}, rendered byte for byte as Linux renders
 * them (fs/proc/task_mmu.c, fs/proc/array.c), for the kernel version the machine models.
 */
package io.vmlab.kernel.proc;

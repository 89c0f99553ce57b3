/**
 * Starting processes: a minimal process (a stack and the vDSO, for scripts), and later exec of
 * ELF files (fs/exec.c, fs/binfmt_elf.c).
 */
package io.vmlab.kernel.exec;

/**
 * Starting processes: exec of ELF programs as Linux 6.1's fs/exec.c and fs/binfmt_elf.c do it
 * (the argument pages, PT_LOAD placement, the interpreter, the vdso, create_elf_tables() and the
 * program break), and a minimal process (a stack and the vDSO) for scripts that start without a
 * program.
 */
package io.vmlab.kernel.exec;

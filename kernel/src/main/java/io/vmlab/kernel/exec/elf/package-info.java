/**
 * ELF files as the kernel reads them (include/uapi/linux/elf.h, fs/binfmt_elf.c): the ELF header
 * and program headers of 32- and 64-bit little-endian x86 programs, checked the way exec checks
 * them, and a small builder for synthetic programs.
 */
package io.vmlab.kernel.exec.elf;

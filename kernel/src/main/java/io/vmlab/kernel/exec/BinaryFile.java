package io.vmlab.kernel.exec;

import io.vmlab.kernel.fs.Inode;

/**
 * A program or interpreter as exec opens it: the machine's file (what maps shows; its size is
 * the file's), its bytes (at least the ELF and program headers), and where it came from, for
 * messages.
 */
public record BinaryFile(Inode inode, byte[] image, String source) {}

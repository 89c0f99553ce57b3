/**
 * The system-call surface scripts and experiments drive: the mm calls, user-mode accesses
 * (touch, peek), file I/O through the kernel's user copies (pread/pwrite, which fault like user
 * accesses and end in EFAULT rather than a signal), fork, exit, and kernel-mode accesses.
 */
package io.vmlab.kernel.sys;

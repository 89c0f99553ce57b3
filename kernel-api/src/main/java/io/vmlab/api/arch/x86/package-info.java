/**
 * Building blocks both x86 architecture plugins use, as Linux's arch/x86 is shared by i386 and
 * x86_64: the two page-table entry formats and the common part of the page-fault handler.
 */
package io.vmlab.api.arch.x86;

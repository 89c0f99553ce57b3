/**
 * Building blocks both x86 architecture plugins use, as Linux's arch/x86 is shared by i386 and
 * x86_64: the two page-table entry formats, the common part of the page-fault handler, and the
 * table-driven segmentation each fills with its own GDT layout.
 */
package io.vmlab.api.arch.x86;

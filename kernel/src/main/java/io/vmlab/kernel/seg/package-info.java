/**
 * x86 segmentation: how a logical address (selector:offset) becomes a linear address before
 * paging. The GDT, Linux's selectors and whether the CPU is in long mode come from the
 * architecture ({@link io.vmlab.api.arch.Segmentation}); this package holds a process's own
 * state (its LDT from modify_ldt, its TLS slots from set_thread_area, the FS/GS bases from
 * arch_prctl, the segment registers) and does what the CPU does: the checks on a segment-register
 * load and on each access, raising #GP, #SS or #NP with the error code the CPU pushes.
 */
package io.vmlab.kernel.seg;

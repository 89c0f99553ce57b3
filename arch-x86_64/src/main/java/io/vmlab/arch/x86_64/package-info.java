/**
 * The x86-64 architecture plugin: 4-level paging (9/9/9/9/12, p4d folded) and 5-level paging
 * (LA57), 64-bit processes and IA-32 compat processes (TASK_SIZE 0xFFFFE000).
 */
package io.vmlab.arch.x86_64;

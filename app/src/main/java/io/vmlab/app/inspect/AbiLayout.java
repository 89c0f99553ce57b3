package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;

/**
 * The address-space layout of one kind of process, with randomization off.
 *
 * @param abi the ABI's name ({@code x86_64}, {@code i386})
 * @param compat whether it is an IA-32 process on a 64-bit kernel
 * @param taskSize TASK_SIZE
 * @param mapWindow DEFAULT_MAP_WINDOW
 * @param stackTop STACK_TOP
 * @param mmapBase mm->mmap_base from the machine's layout policy
 * @param topDown whether mmap allocates top-down from mmapBase
 * @param taskUnmappedBase TASK_UNMAPPED_BASE (the legacy bottom-up base)
 * @param elfEtDynBase ELF_ET_DYN_BASE
 * @param firstPiePage the page a PIE's first segment lands on (ELF_ET_DYN_BASE page-aligned down)
 * @param textBase the non-PIE text base of the GNU toolchain
 */
public record AbiLayout(
    String abi,
    boolean compat,
    @JsonSerialize(using = HexSerializer.class) long taskSize,
    @JsonSerialize(using = HexSerializer.class) long mapWindow,
    @JsonSerialize(using = HexSerializer.class) long stackTop,
    @JsonSerialize(using = HexSerializer.class) long mmapBase,
    boolean topDown,
    @JsonSerialize(using = HexSerializer.class) long taskUnmappedBase,
    @JsonSerialize(using = HexSerializer.class) long elfEtDynBase,
    @JsonSerialize(using = HexSerializer.class) long firstPiePage,
    @JsonSerialize(using = HexSerializer.class) long textBase) {}

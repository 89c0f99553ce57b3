package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;
import java.util.Map;

/**
 * The segment state of the process {@code --logical} addresses belong to.
 *
 * @param abi the process ABI
 * @param cpl 3 in user mode, 0 inside a system call
 * @param mode the CPU mode its code segment gives
 * @param registers the selector in each segment register
 * @param fsBase the FS base
 * @param gsBase the GS base
 * @param ldtEntries the entries of its LDT (0: none)
 */
public record ProcessSegments(
    String abi,
    int cpl,
    String mode,
    Map<String, String> registers,
    @JsonSerialize(using = HexSerializer.class) long fsBase,
    @JsonSerialize(using = HexSerializer.class) long gsBase,
    int ldtEntries) {}

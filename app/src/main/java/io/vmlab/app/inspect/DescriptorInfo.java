package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.api.arch.SegmentDescriptor;
import io.vmlab.app.format.HexSerializer;

/**
 * A segment descriptor with its fields, as {@code vmlab translate --logical} shows it.
 *
 * @param entry the table entry's Linux name ({@code GDT_ENTRY_DEFAULT_USER_CS}, {@code LDT entry 0})
 * @param raw the 8 bytes
 * @param base the base
 * @param limit the 20-bit limit field
 * @param effectiveLimit the limit in bytes (G=1: limit * 4096 + 4095)
 * @param type the 4-bit type
 * @param typeName the type in words
 * @param s 1 code/data, 0 system
 * @param dpl the descriptor privilege level
 * @param present P
 * @param defaultBig D/B
 * @param longMode L
 * @param granularity G
 * @param avl AVL
 */
public record DescriptorInfo(
    String entry,
    @JsonSerialize(using = HexSerializer.class) long raw,
    @JsonSerialize(using = HexSerializer.class) long base,
    @JsonSerialize(using = HexSerializer.class) long limit,
    @JsonSerialize(using = HexSerializer.class) long effectiveLimit,
    int type,
    String typeName,
    int s,
    int dpl,
    boolean present,
    boolean defaultBig,
    boolean longMode,
    boolean granularity,
    boolean avl) {
  /** The fields of {@code raw}, named {@code entry}. */
  public static DescriptorInfo of(String entry, long raw) {
    SegmentDescriptor d = SegmentDescriptor.of(raw);
    return new DescriptorInfo(entry, raw, d.base(), d.limit(), d.effectiveLimit(), d.type(), d.typeName(),
        d.s() ? 1 : 0, d.dpl(), d.present(), d.defaultBig(), d.longMode(), d.granularity(), d.avl());
  }
}

package io.vmlab.kernel.seg;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import java.util.ArrayList;
import java.util.List;

/** Translates one logical address with every check traced (for {@code vmlab translate --logical}). */
public final class LogicalTranslator {
  private LogicalTranslator() {}

  /**
   * Optionally loads {@code selector} into {@code reg} (as MOV, LSS or a far JMP would), then
   * checks an access of {@code size} bytes at {@code offset} through it and forms the linear
   * address. The context keeps the loaded selector.
   *
   * @param selector the selector to load, or -1 to use the register's current one
   * @throws IllegalArgumentException for an instruction fetch through another register than CS,
   *     or an offset wider than 32 bits outside 64-bit mode
   */
  public static LogicalTranslation translate(SegmentContext c, SegmentRegister reg, int selector, long offset, int size,
      Access access) {
    if (access == Access.EXEC && reg != SegmentRegister.CS) {
      throw new IllegalArgumentException("instruction fetches go through cs, not " + reg.linuxName());
    }
    List<SegmentCheck> checks = new ArrayList<>();
    boolean load = selector >= 0;
    int sel = load ? selector & 0xffff : c.selector(reg);
    Long descriptor = !Selector.isNull(sel) && c.withinTable(sel) ? c.descriptor(sel) : null;
    String name = Selector.isNull(sel) ? "" : c.entryName(sel);
    if (load) {
      int fault = SegmentationUnit.load(c, reg, sel, checks);
      if (fault != 0) {
        return new LogicalTranslation(reg, sel, true, name, descriptor, c.mode(), c.cpl(), offset, size, access,
            checks, SegmentFault.unpack(fault), null, null);
      }
      sel = c.selector(reg);
    }
    int fault = SegmentationUnit.checkAccess(c, reg, offset, size, access, checks);
    Long linear = fault == 0 ? SegmentationUnit.linear(c, reg, offset) : null;
    Long base = fault == 0 ? SegmentationUnit.linear(c, reg, 0) : null;
    return new LogicalTranslation(reg, sel, load, name, descriptor, c.mode(), c.cpl(), offset, size, access, checks,
        SegmentFault.unpack(fault), base, linear);
  }
}

package io.vmlab.app.inspect;

import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.policy.LayoutRequest;
import io.vmlab.api.policy.MmLayout;
import io.vmlab.app.VmlabHome;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.config.MachineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes a machine's {@link LayoutReport}: the geometry and constants come from its
 * architecture, mmap_base from its layout policy (as exec would pick it with randomization off).
 */
public final class LayoutCalculator {
  private LayoutCalculator() {}

  /** The layout of {@code machine}. */
  public static LayoutReport compute(Machine machine) {
    ArchModel arch = machine.arch();
    MachineSpec spec = machine.spec();
    PagingGeometry g = arch.geometry();
    List<LevelRow> levels = new ArrayList<>();
    for (LevelGeometry l : g.levels()) {
      long leaf = l.level() == PageLevel.PTE ? g.pageSize() : l.leafSize();
      levels.add(new LevelRow(l.level().linuxName(), l.shift(), l.bits(), l.entries(), l.folded(),
          l.folded() ? 0 : leaf));
    }
    List<AbiLayout> abis = new ArrayList<>();
    for (ProcessAbi abi : arch.abis()) {
      abis.add(abiLayout(machine, abi, g.pageSize()));
    }
    List<AreaRow> areas = new ArrayList<>();
    for (KernelArea a : arch.kernelAreas()) {
      areas.add(new AreaRow(a.name(), a.kind().name(), a.start(), a.end()));
    }
    return new LayoutReport(LayoutReport.SCHEMA_VERSION, spec.name(), VmlabHome.display(machine.source().file()),
        arch.archId(), arch.pagingMode(), arch.split(), spec.kernel().version().toString(), g.entryBytes(),
        g.virtualBits(), g.canonical(), g.depth(), g.pageSize(), levels, arch.pageOffset(), arch.taskSizeMax(),
        spec.limits().stack(), abis, areas);
  }

  private static AbiLayout abiLayout(Machine machine, ProcessAbi abi, long pageSize) {
    MmLayout layout = pickLayout(machine, abi, pageSize);
    long pie = abi.elfEtDynBase() & -pageSize;
    return new AbiLayout(abi.name(), abi.compat(), abi.taskSize(), abi.mapWindow(), abi.stackTop(),
        layout.mmapBase(), layout.topDown(), abi.taskUnmappedBase(), abi.elfEtDynBase(), pie, abi.textBase());
  }

  /** The machine's layout policy's choice for one exec of {@code abi}, randomization off. */
  public static MmLayout pickLayout(Machine machine, ProcessAbi abi, long pageSize) {
    MachineSpec spec = machine.spec();
    MachineSpec.KernelSettings k = spec.kernel();
    LayoutRequest request = new LayoutRequest(abi, k.version(), spec.limits().stack(), k.randomizeVaSpace(),
        /* noRandomize */ true, k.legacyVaLayout(), k.stackGuardGapPages() * pageSize,
        new SplittableRandom(spec.seed()));
    return machine.policies().layout().pick(request);
  }
}

package io.vmlab.app.demo;

import io.vmlab.app.inspect.LayoutReport;
import io.vmlab.app.inspect.Translation;
import io.vmlab.app.wiring.Machine;

/**
 * One machine of the demo with what the sections show of it.
 *
 * @param machine the wired machine
 * @param layout its layout
 * @param sample the translation of its sample address
 */
public record DemoMachine(Machine machine, LayoutReport layout, Translation sample) {
  /** The machine's name (a column heading). */
  public String name() {
    return layout.machine();
  }
}

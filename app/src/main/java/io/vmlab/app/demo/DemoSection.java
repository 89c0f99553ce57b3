package io.vmlab.app.demo;

import java.util.List;

/** One part of the demo's output, over all the demo's machines. */
public interface DemoSection {
  /** The heading. */
  String title();

  /** The body, every line ending in a newline. */
  String render(List<DemoMachine> machines);
}

package io.vmlab.app.demo;

import io.vmlab.app.format.TextTable;
import java.util.List;
import java.util.function.Function;

/** A table with one row per item and one column per machine. */
final class SideBySide {
  private final TextTable table;
  private final List<DemoMachine> machines;

  SideBySide(String corner, List<DemoMachine> machines) {
    String[] headers = new String[machines.size() + 1];
    headers[0] = corner;
    for (int i = 0; i < machines.size(); i++) {
      headers[i + 1] = machines.get(i).name();
    }
    this.table = new TextTable(headers);
    this.machines = machines;
  }

  /** Adds the row {@code label}, with {@code cell} giving each machine's value. */
  SideBySide row(String label, Function<DemoMachine, String> cell) {
    Object[] cells = new Object[machines.size() + 1];
    cells[0] = label;
    for (int i = 0; i < machines.size(); i++) {
      cells[i + 1] = cell.apply(machines.get(i));
    }
    table.row(cells);
    return this;
  }

  String render() {
    return table.render("  ");
  }
}

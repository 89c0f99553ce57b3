package io.vmlab.app.report;

import java.nio.file.Path;

/**
 * The files of an experiment's output directory OUT:
 *
 * <pre>
 * OUT/results.csv        one record per run, fixed columns (docs/results.md)
 * OUT/results.json       schemaVersion, vmlab version, seed, config, plugins, cost model, runs
 * OUT/report.html        one self-contained page: tables, plots, config, glossary
 * OUT/plots/faults-vs-memory.png|svg        when the runs cover two or more memory sizes
 * OUT/plots/page-tables.png|svg             when the runs cover two or more machines
 * OUT/plots/address-space-rR-pP[-label].png|svg   one per address-space snapshot (first runs)
 * OUT/manifest.json      written last: what the directory holds (experiment, seed, config hash,
 *                        sweep size, shard i/n or null, run indices, files); a directory without
 *                        it is incomplete
 * </pre>
 *
 * A shard ({@code --shard i/n}) writes the same layout with only its runs; {@code vmlab merge}
 * reads the shards' results.json and manifest.json and writes the layout for the whole sweep.
 *
 * @param dir the output directory
 */
public record OutputLayout(Path dir) {
  /** results.csv. */
  public static final String CSV = "results.csv";
  /** results.json. */
  public static final String JSON = "results.json";
  /** report.html. */
  public static final String HTML = "report.html";
  /** manifest.json. */
  public static final String MANIFEST = "manifest.json";
  /** The plots directory. */
  public static final String PLOTS = "plots";

  /** OUT/results.csv. */
  public Path csv() {
    return dir.resolve(CSV);
  }

  /** OUT/results.json. */
  public Path json() {
    return dir.resolve(JSON);
  }

  /** OUT/report.html. */
  public Path html() {
    return dir.resolve(HTML);
  }

  /** OUT/manifest.json. */
  public Path manifest() {
    return dir.resolve(MANIFEST);
  }

  /** OUT/plots/STEM.EXT. */
  public Path plot(String stem, String ext) {
    return dir.resolve(PLOTS).resolve(stem + "." + ext);
  }
}

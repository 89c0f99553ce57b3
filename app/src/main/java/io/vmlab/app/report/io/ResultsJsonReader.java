package io.vmlab.app.report.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmlab.app.UserError;
import io.vmlab.app.format.Hex;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.Metrics;
import io.vmlab.app.report.model.PluginVersion;
import io.vmlab.app.report.model.ProcessRow;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.Shard;
import io.vmlab.app.report.model.VmaRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a results.json written by {@link ResultsJson} back into an {@link ExperimentResult}. */
public final class ResultsJsonReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  private ResultsJsonReader(Path file) {
    this.file = file;
  }

  /**
   * Reads {@code file}.
   *
   * @throws UserError {@code file: what is wrong} for a missing, unreadable or malformed file
   */
  public static ExperimentResult read(Path file) {
    JsonNode root;
    try (var in = Files.newInputStream(file)) {
      root = MAPPER.readTree(in);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new UserError(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    return new ResultsJsonReader(file).result(root);
  }

  private ExperimentResult result(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error("", "is not a JSON object");
    }
    int version = integer(root, "schemaVersion", "");
    if (version != ResultsJson.SCHEMA_VERSION) {
      throw error("schemaVersion", version + " is not the version this vmlab reads (" + ResultsJson.SCHEMA_VERSION
          + ")");
    }
    JsonNode sweep = object(root, "sweep", "");
    JsonNode shardNode = sweep.get("shard");
    Shard shard = null;
    if (shardNode != null && !shardNode.isNull()) {
      try {
        shard = Shard.parse(shardNode.asText());
      } catch (IllegalArgumentException e) {
        throw error("sweep.shard", e.getMessage());
      }
    }
    List<PluginVersion> plugins = new ArrayList<>();
    int i = 0;
    for (JsonNode p : array(root, "plugins", "")) {
      String at = "plugins[" + i++ + "]";
      plugins.add(new PluginVersion(text(p, "id", at), text(p, "version", at)));
    }
    Map<String, Object> config = MAPPER.convertValue(object(root, "config", ""),
        new TypeReference<LinkedHashMap<String, Object>>() {});
    List<RunResult> runs = new ArrayList<>();
    i = 0;
    for (JsonNode r : array(root, "runs", "")) {
      runs.add(run(r, "runs[" + i++ + "]"));
    }
    try {
      ExperimentResult result = new ExperimentResult(text(root, "experiment", ""), text(root, "vmlabVersion", ""),
          number(root, "seed", ""), config, plugins, cost(object(root, "costModel", "")), integer(sweep, "size", "sweep"),
          shard, runs);
      String hash = text(root, "configHash", "");
      if (!hash.equals(result.configHash())) {
        throw error("configHash", "does not match the config in the file (edited by hand?)");
      }
      return result;
    } catch (IllegalArgumentException e) {
      throw error("", e.getMessage());
    }
  }

  private CostModel cost(JsonNode c) {
    String at = "costModel";
    return new CostModel(number(c, "cpu_hz", at), number(c, "tlb_hit_cycles", at), number(c, "walk_level_cycles", at),
        number(c, "minor_fault_cycles", at), number(c, "major_fault_ns", at), number(c, "swap_out_ns", at),
        number(c, "writeback_ns", at));
  }

  private RunResult run(JsonNode r, String at) {
    Map<String, String> params = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object(r, "params", at).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), e.getValue().asText());
    }
    Metrics.Builder metrics = Metrics.builder();
    it = object(r, "metrics", at).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Metric m;
      try {
        m = Metric.ofKey(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw error(at + ".metrics", "unknown metric '" + e.getKey() + "'");
      }
      if (!e.getValue().canConvertToLong()) {
        throw error(at + ".metrics." + e.getKey(), "is not an integer");
      }
      metrics.put(m, e.getValue().asLong());
    }
    List<ProcessRow> processes = new ArrayList<>();
    int i = 0;
    for (JsonNode p : array(r, "processes", at)) {
      String pat = at + ".processes[" + i++ + "]";
      processes.add(new ProcessRow(integer(p, "pid", pat), text(p, "user", pat), text(p, "command", pat),
          number(p, "virtBytes", pat), number(p, "resBytes", pat), number(p, "shrBytes", pat),
          number(p, "cpuTimeNs", pat), number(p, "minorFaults", pat), number(p, "majorFaults", pat)));
    }
    List<AddressSpaceSnapshot> spaces = new ArrayList<>();
    i = 0;
    for (JsonNode s : array(r, "addressSpaces", at)) {
      String sat = at + ".addressSpaces[" + i++ + "]";
      List<VmaRow> vmas = new ArrayList<>();
      int j = 0;
      for (JsonNode v : array(s, "vmas", sat)) {
        String vat = sat + ".vmas[" + j++ + "]";
        try {
          vmas.add(new VmaRow(address(v, "start", vat), address(v, "end", vat), text(v, "perms", vat),
              text(v, "name", vat)));
        } catch (IllegalArgumentException e) {
          throw error(vat, e.getMessage());
        }
      }
      try {
        spaces.add(new AddressSpaceSnapshot(integer(s, "pid", sat), text(s, "command", sat), text(s, "label", sat),
            address(s, "taskSize", sat), vmas));
      } catch (IllegalArgumentException e) {
        throw error(sat, e.getMessage());
      }
    }
    return new RunResult(integer(r, "index", at), params, text(r, "machine", at), text(r, "arch", at),
        text(r, "paging", at), text(r, "policy", at), number(r, "memoryBytes", at), metrics.build(), processes,
        spaces);
  }

  private JsonNode field(JsonNode n, String name, String at) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw error(at, "missing '" + name + "'");
    }
    return v;
  }

  private JsonNode object(JsonNode n, String name, String at) {
    JsonNode v = field(n, name, at);
    if (!v.isObject()) {
      throw error(join(at, name), "is not an object");
    }
    return v;
  }

  private JsonNode array(JsonNode n, String name, String at) {
    JsonNode v = field(n, name, at);
    if (!v.isArray()) {
      throw error(join(at, name), "is not an array");
    }
    return v;
  }

  private String text(JsonNode n, String name, String at) {
    JsonNode v = field(n, name, at);
    if (!v.isTextual()) {
      throw error(join(at, name), "is not a string");
    }
    return v.asText();
  }

  private long number(JsonNode n, String name, String at) {
    JsonNode v = field(n, name, at);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(join(at, name), "is not an integer");
    }
    return v.asLong();
  }

  private int integer(JsonNode n, String name, String at) {
    JsonNode v = field(n, name, at);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(join(at, name), "is not a 32-bit integer");
    }
    return v.asInt();
  }

  private long address(JsonNode n, String name, String at) {
    String s = text(n, name, at);
    try {
      return Hex.parseAddress(s);
    } catch (IllegalArgumentException e) {
      throw error(join(at, name), e.getMessage());
    }
  }

  private static String join(String at, String name) {
    return at.isEmpty() ? name : at + "." + name;
  }

  private UserError error(String at, String message) {
    return new UserError(file + ": " + (at.isEmpty() ? "" : at + ": ") + message);
  }
}

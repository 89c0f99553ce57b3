package io.vmlab.app.report.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmlab.app.format.Hex;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.PluginVersion;
import io.vmlab.app.report.model.ProcessRow;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.VmaRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * results.json, schema version {@value #SCHEMA_VERSION}: the experiment's identity (name, vmlab
 * version, seed, config and its hash, plugins, cost model, sweep size and shard) and its runs in
 * sweep order, each with its metrics, process rows and address-space snapshots. Addresses are
 * {@code "0x..."} strings (JSON numbers lose precision above 2^53); everything else is a number or
 * a string. No timestamps: the same results give the same bytes. {@link ResultsJsonReader} reads it
 * back.
 */
public final class ResultsJson {
  /** The version of the format below; readers refuse other versions. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResultsJson() {}

  /** Writes {@code result} to {@code target}, atomically. */
  public static void write(ExperimentResult result, Path target) {
    AtomicOutput.write(target, out -> write(result, out));
  }

  /** Writes {@code result} as JSON to {@code out} (not closed). */
  public static void write(ExperimentResult result, OutputStream out) throws IOException {
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE
          .withLinefeed("\n"));
      g.setPrettyPrinter(pp);
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("vmlabVersion", result.vmlabVersion());
      g.writeStringField("experiment", result.experiment());
      g.writeNumberField("seed", result.seed());
      g.writeStringField("configHash", result.configHash());
      g.writeObjectFieldStart("sweep");
      g.writeNumberField("size", result.sweepSize());
      if (result.shard() == null) {
        g.writeNullField("shard");
      } else {
        g.writeStringField("shard", result.shard().toString());
      }
      g.writeNumberField("runs", result.runs().size());
      g.writeEndObject();
      g.writeArrayFieldStart("plugins");
      for (PluginVersion p : result.plugins()) {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("version", p.version());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeCost(g, result.costModel());
      g.writeFieldName("config");
      MAPPER.writeValue(g, result.config());
      g.writeArrayFieldStart("runs");
      for (RunResult run : result.runs()) {
        writeRun(g, run);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void writeCost(JsonGenerator g, CostModel c) throws IOException {
    g.writeObjectFieldStart("costModel");
    g.writeNumberField("cpu_hz", c.cpuHz());
    g.writeNumberField("tlb_hit_cycles", c.hitCycles());
    g.writeNumberField("walk_level_cycles", c.walkLevelCycles());
    g.writeNumberField("minor_fault_cycles", c.minorFaultCycles());
    g.writeNumberField("major_fault_ns", c.majorFaultNanos());
    g.writeNumberField("swap_out_ns", c.swapOutNanos());
    g.writeNumberField("writeback_ns", c.writebackNanos());
    g.writeEndObject();
  }

  private static void writeRun(JsonGenerator g, RunResult run) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", run.index());
    g.writeObjectFieldStart("params");
    for (Map.Entry<String, String> e : run.params().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeStringField("machine", run.machine());
    g.writeStringField("arch", run.arch());
    g.writeStringField("paging", run.paging());
    g.writeStringField("policy", run.policy());
    g.writeNumberField("memoryBytes", run.memoryBytes());
    g.writeObjectFieldStart("metrics");
    for (Map.Entry<Metric, Long> e : run.metrics().asMap().entrySet()) {
      g.writeNumberField(e.getKey().key(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("processes");
    for (ProcessRow p : run.processes()) {
      g.writeStartObject();
      g.writeNumberField("pid", p.pid());
      g.writeStringField("user", p.user());
      g.writeStringField("command", p.command());
      g.writeNumberField("virtBytes", p.virtBytes());
      g.writeNumberField("resBytes", p.resBytes());
      g.writeNumberField("shrBytes", p.shrBytes());
      g.writeNumberField("cpuTimeNs", p.cpuTimeNanos());
      g.writeNumberField("minorFaults", p.minorFaults());
      g.writeNumberField("majorFaults", p.majorFaults());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("addressSpaces");
    for (AddressSpaceSnapshot s : run.addressSpaces()) {
      g.writeStartObject();
      g.writeNumberField("pid", s.pid());
      g.writeStringField("command", s.command());
      g.writeStringField("label", s.label());
      g.writeStringField("taskSize", Hex.of(s.taskSize()));
      g.writeArrayFieldStart("vmas");
      for (VmaRow v : s.vmas()) {
        g.writeStartObject();
        g.writeStringField("start", Hex.of(v.start()));
        g.writeStringField("end", Hex.of(v.end()));
        g.writeStringField("perms", v.perms());
        g.writeStringField("name", v.name());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}

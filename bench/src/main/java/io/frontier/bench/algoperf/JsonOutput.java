package io.frontier.bench.algoperf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The run as JSON: settings, workloads (metric, target, budgets), every cell's studies with every
 * trial (hyperparameters, reached, seconds, steps, best value, why it stopped), the medians and
 * ranges, and the performance profile. Infinity is written as null.
 */
public final class JsonOutput {
  private JsonOutput() {}

  /** The settings of the run, for the file's header. */
  /** The run's settings; the load averages (1 minute, from the OS) say how busy the machine was at start and end. */
  public record Settings(String date, boolean quick, int studies, int trials, long seed, int threads, double wallSeconds,
      double loadAverageStart, double loadAverageEnd) {}

  public static void write(Writer out, Settings settings, List<Workload> workloads, List<Submission> submissions,
      List<AlgoPerfRun.Cell> cells, double[] taus, double[][] rho) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("benchmark", "algoperf");
      g.writeStringField("date", settings.date());
      g.writeStringField("mode", settings.quick() ? "quick" : "full");
      g.writeNumberField("studies", settings.studies());
      g.writeNumberField("trials", settings.trials());
      g.writeNumberField("seed", settings.seed());
      g.writeNumberField("threads", settings.threads());
      g.writeNumberField("wallSeconds", settings.wallSeconds());
      g.writeNumberField("loadAverageStart", settings.loadAverageStart());
      g.writeNumberField("loadAverageEnd", settings.loadAverageEnd());
      g.writeStringField("java", System.getProperty("java.version"));
      g.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
      g.writeArrayFieldStart("workloads");
      for (Workload w : workloads) {
        g.writeStartObject();
        g.writeStringField("name", w.name());
        g.writeStringField("metric", w.metric());
        g.writeBooleanField("higherIsBetter", w.higherIsBetter());
        g.writeNumberField("target", w.target());
        g.writeNumberField("maxSteps", w.maxSteps());
        g.writeNumberField("maxSeconds", w.maxSeconds());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("submissions");
      for (Submission s : submissions) {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("description", s.description());
        g.writeArrayFieldStart("searchSpace");
        for (SearchSpace.Range r : s.space().ranges()) {
          g.writeStartObject();
          g.writeStringField("name", r.name());
          g.writeNumberField("low", r.low());
          g.writeNumberField("high", r.high());
          g.writeStringField("scale", r.log() ? "log" : "linear");
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("results");
      for (AlgoPerfRun.Cell c : cells) writeCell(g, c);
      g.writeEndArray();
      g.writeObjectFieldStart("performanceProfile");
      g.writeArrayFieldStart("tau");
      for (double t : taus) g.writeNumber(t);
      g.writeEndArray();
      g.writeObjectFieldStart("rho");
      for (int s = 0; s < submissions.size(); s++) {
        g.writeArrayFieldStart(submissions.get(s).name());
        for (double r : rho[s]) g.writeNumber(r);
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void writeCell(JsonGenerator g, AlgoPerfRun.Cell c) throws IOException {
    g.writeStartObject();
    g.writeStringField("workload", c.workload());
    g.writeStringField("submission", c.submission());
    writeSpread(g, "seconds", c.seconds());
    writeSpread(g, "steps", c.steps());
    g.writeArrayFieldStart("studies");
    for (Study st : c.studies()) {
      g.writeStartObject();
      g.writeNumberField("seed", st.seed());
      g.writeNumberField("bestTrial", st.bestTrial());
      number(g, "seconds", st.seconds());
      number(g, "steps", st.steps());
      g.writeArrayFieldStart("trials");
      for (TrialResult t : st.trials()) {
        g.writeStartObject();
        g.writeObjectFieldStart("hyper");
        for (Map.Entry<String, Double> e : t.hyper().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeBooleanField("reached", t.reached());
        number(g, "seconds", t.seconds());
        if (t.reached()) g.writeNumberField("steps", t.steps());
        else g.writeNullField("steps");
        number(g, "best", t.best());
        g.writeStringField("stop", t.stop());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeSpread(JsonGenerator g, String name, Spread s) throws IOException {
    g.writeObjectFieldStart(name);
    number(g, "median", s.median());
    number(g, "min", s.min());
    number(g, "max", s.max());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) g.writeNumberField(name, v);
    else g.writeNullField(name);
  }
}

package io.frontier.bench.algoperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.bench.cli.FrontierCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AlgoPerfCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = FrontierCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static AlgoPerfCommand parse(String... args) {
    AlgoPerfCommand c = new AlgoPerfCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void quickAndFullDefaultsAndOverrides() {
    AlgoPerfCommand quick = parse("--quick");
    assertEquals(AlgoPerfCommand.QUICK_STUDIES, quick.studies());
    assertEquals(AlgoPerfCommand.QUICK_TRIALS, quick.trials());
    AlgoPerfCommand full = parse("--studies", "3", "--trials", "7", "--workloads", "genesis-gpt,digits-mlp", "--submissions", "lion,adamw");
    assertEquals(3, full.studies());
    assertEquals(7, full.trials());
    // workloads in their fixed order, submissions in the order given
    assertEquals(List.of("digits-mlp", "genesis-gpt"), full.selectedWorkloads().stream().map(Workload::name).toList());
    assertEquals(List.of("lion", "adamw"), full.selectedSubmissions().stream().map(Submission::name).toList());
  }

  @Test
  void anUnknownWorkloadIsAUsageError() {
    assertEquals(2, run("algoperf", "--workloads", "imagenet"));
    assertTrue(err.toString().contains("unknown workload 'imagenet'"), err.toString());
  }

  @Test
  void anUnknownSubmissionIsAUsageError() {
    assertEquals(2, run("algoperf", "--submissions", "shampoo"));
    assertTrue(err.toString().contains("unknown submission 'shampoo'"), err.toString());
  }

  @Test
  void zeroThreadsIsAUsageError() {
    assertEquals(2, run("algoperf", "--threads", "0"));
    assertTrue(err.toString().contains("--threads must be at least 1"), err.toString());
  }

  @Test
  void zeroTrialsIsAUsageError() {
    assertEquals(2, run("algoperf", "--trials", "0"));
    assertTrue(err.toString().contains("--trials must be at least 1"), err.toString());
  }

  @Test
  void aTinyRunPrintsTheTableAndWritesJsonAndPng(@TempDir Path dir) throws Exception {
    assertEquals(0, run("algoperf", "--workloads", "teacher-regression", "--submissions", "adamw,adam-constant",
        "--studies", "1", "--trials", "2", "--out", dir.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("teacher-regression") && text.contains("adam-constant") && text.contains("performance profile"), text);
    try (var files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2, names.size(), names.toString());
      assertEquals(List.of("algoperf-" + java.time.LocalDate.now() + "-profile.png", "algoperf-" + java.time.LocalDate.now() + ".json"), names);
      String json = Files.readString(dir.resolve(names.get(1)));
      assertTrue(json.contains("\"benchmark\" : \"algoperf\"") && json.contains("\"trials\" : ["), json);
    }
  }
}

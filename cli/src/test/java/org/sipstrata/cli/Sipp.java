package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Drives the real SIPp (Debian package {@code sip-tester}) against a {@code strata} command on
 * loopback, for the interop tests: starts the command on a free port, runs one bounded SIPp UAC
 * scenario against it, and returns SIPp's exit code and final statistics.
 */
final class Sipp {

  /** One OPTIONS per call, expecting a 200. */
  static final String OPTIONS_SCENARIO = """
      <?xml version="1.0" encoding="ISO-8859-1" ?>
      <scenario name="OPTIONS">
        <send retrans="500">
          <![CDATA[
            OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
            From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
            To: <sip:[service]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: 1 OPTIONS
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <recv response="200" />
      </scenario>
      """;

  private Sipp() {}

  /** Whether {@code sipp} is on the PATH (the interop tests are skipped, saying so, otherwise). */
  static boolean installed() {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(File.pathSeparator)).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "sipp")));
  }

  /** A {@code strata} command running on a background thread, and what it printed. */
  record Server(CompletableFuture<Integer> exit, StringWriter out, int port) {}

  /** What one SIPp run gives: its exit code (0 when every call succeeded), output and statistics. */
  record Result(int exit, String output, Map<String, Long> statistics) {
    long get(String column) {
      Long value = statistics.get(column);
      if (value == null) {
        throw new AssertionError("SIPp's statistics have no column " + column + ": " + statistics);
      }
      return value;
    }
  }

  /**
   * Starts {@code strata <args> --listen <transport>:127.0.0.1:0} and waits until it prints the
   * port it listens on.
   */
  static Server start(String transport, String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--listen", transport + ":127.0.0.1:0"));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> commandLine.execute(command.toArray(String[]::new)));
    return new Server(exit, out, awaitPort(out, transport, exit));
  }

  /**
   * Runs SIPp in {@code dir} with the scenario against 127.0.0.1:{@code port}: {@code calls} calls
   * at {@code rate} per second, at most 90 seconds.
   */
  static Result run(Path dir, String scenarioText, String transport, int port, int calls, int rate,
      List<String> extra) throws IOException, InterruptedException {
    Path scenario = dir.resolve("scenario.xml");
    Files.writeString(scenario, scenarioText, StandardCharsets.ISO_8859_1);
    Path statistics = dir.resolve("stat.csv");
    List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + port,
        "-sf", scenario.toString(), "-t", transport.equals("udp") ? "u1" : "t1",
        "-m", Integer.toString(calls), "-r", Integer.toString(rate), "-l", "2000",
        "-timeout", "60s", "-i", "127.0.0.1", "-p", "0", "-nd",
        "-trace_stat", "-stf", statistics.toString()));
    command.addAll(extra);
    Process sipp = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sipp.out").toFile())
        .start();
    assertThat(sipp.waitFor(90, TimeUnit.SECONDS)).as("SIPp finished").isTrue();
    return new Result(sipp.exitValue(), Files.readString(dir.resolve("sipp.out")),
        lastRow(Files.readAllLines(statistics)));
  }

  /** The numeric columns of the last row of SIPp's {@code -trace_stat} CSV. */
  private static Map<String, Long> lastRow(List<String> csv) {
    String[] names = csv.get(0).split(";");
    String[] last = csv.get(csv.size() - 1).split(";");
    Map<String, Long> values = new HashMap<>();
    for (int i = 0; i < Math.min(names.length, last.length); i++) {
      if (last[i].trim().matches("\\d+")) {
        values.put(names[i], Long.parseLong(last[i].trim()));
      }
    }
    return values;
  }

  private static int awaitPort(StringWriter out, String transport, CompletableFuture<Integer> exit) {
    Pattern listening = Pattern.compile("listening on " + transport + ":127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !exit.isDone()) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the command did not print its listening point: " + out);
  }
}

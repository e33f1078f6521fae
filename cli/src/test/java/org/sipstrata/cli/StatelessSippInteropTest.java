package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Interop with a real peer: SIPp (Debian package {@code sip-tester}) sends 1,000 OPTIONS to {@code
 * strata stateless} and expects 1,000 200 responses. Runs only where {@code sipp} is on the PATH.
 */
@DisplayName("strata stateless against SIPp")
@EnabledIf("sippInstalled")
class StatelessSippInteropTest {

  private static final String SCENARIO = """
      <?xml version="1.0" encoding="ISO-8859-1" ?>
      <scenario name="OPTIONS to strata stateless">
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

  static boolean sippInstalled() {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(File.pathSeparator)).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "sipp")));
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"udp", "tcp"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandOptions(String transport) throws Exception {
    int requests = 1000;
    StringWriter out = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> commandLine.execute(
        "stateless", "--listen", transport + ":127.0.0.1:0", "--max-requests", Integer.toString(requests)));
    int port = awaitPort(out, transport, server);

    Path scenario = dir.resolve("options.xml");
    Files.writeString(scenario, SCENARIO, StandardCharsets.ISO_8859_1);
    Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + port, "-sf", scenario.toString(),
        "-t", transport.equals("udp") ? "u1" : "t1", "-m", Integer.toString(requests), "-r", "200",
        "-i", "127.0.0.1", "-p", "0", "-nd", "-trace_stat", "-stf", dir.resolve("stat.csv").toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sipp.out").toFile())
        .start();
    assertThat(sipp.waitFor(90, TimeUnit.SECONDS)).as("SIPp finished").isTrue();
    // SIPp exits 0 when every call succeeded, 1 when at least one failed.
    assertThat(sipp.exitValue()).as(Files.readString(dir.resolve("sipp.out"))).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("stat.csv"));
    String[] names = csv.get(0).split(";");
    String[] last = csv.get(csv.size() - 1).split(";");
    assertThat(value(names, last, "SuccessfulCall(C)")).isEqualTo(requests);
    assertThat(value(names, last, "FailedCall(C)")).isZero();
    assertThat(server.get(30, TimeUnit.SECONDS)).isZero();
  }

  private static long value(String[] names, String[] values, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return Long.parseLong(values[i].trim());
      }
    }
    throw new AssertionError("no column " + name);
  }

  private static int awaitPort(StringWriter out, String transport, CompletableFuture<Integer> server) {
    Pattern listening = Pattern.compile("listening on " + transport + ":127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !server.isDone()) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the command did not print its listening point: " + out);
  }
}

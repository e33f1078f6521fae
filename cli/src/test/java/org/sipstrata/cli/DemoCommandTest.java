package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@DisplayName("strata demo")
class DemoCommandTest {

  /** What one run printed, and its exit code. */
  private record Run(int exitCode, String out, String err) {}

  private static Run demo(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    int exitCode = commandLine.execute(all);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** The first trace line matching {@code regex} (a line of the trace, one group captured). */
  private static String captured(String out, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
    assertThat(m.find()).as("a line matching %s in%n%s", regex, out).isTrue();
    return m.group(1);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
  //= type=test
  //# The CSeq header field in the ACK MUST contain the same
  //# value for the sequence number as was present in the original request,
  //# but the method parameter MUST be equal to "ACK".
  @Test
  @DisplayName("over UDP: OPTIONS gets 200, INVITE 100 and 486, the INVITE client transaction sends the ACK with the INVITE's branch and Bob's server transaction absorbs it; exit 0")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void udp() {
    Run run = demo();

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("Alice\\s+TU\\s+gets 200 OK .*CSeq 1 OPTIONS\\) from its client transaction")
        .containsPattern("Alice\\s+TU\\s+gets 486 Busy Here .*CSeq 2 INVITE\\) from its client transaction")
        .containsPattern("Bob\\s+transaction\\s+INVITE server transaction .*: Completed -> Confirmed"
            + "  row F7\\.\\d+: ACK")
        .contains("built and sent by the INVITE client transaction itself")
        .contains("RFC 3261 §17.1.1.3")
        .contains("T1 = 50 ms")
        .endsWith("OK: everything happened as RFC 3261 (with RFC 6026) says." + System.lineSeparator());
    String inviteBranch = captured(run.out(),
        "Alice\\s+transport\\s+>> INVITE \\S+\\s+\\(branch (\\S+), CSeq 2 INVITE\\)");
    String ackBranch = captured(run.out(),
        "Alice\\s+transport\\s+>> ACK \\S+\\s+\\(branch (\\S+), CSeq 2 ACK\\)");
    assertThat(ackBranch).isEqualTo(inviteBranch).startsWith("z9hG4bK");
    assertThat(captured(run.out(), "Bob\\s+transport\\s+<< (ACK) .*CSeq 2 ACK\\)")).isEqualTo("ACK");
    // Timer D is 32 s over UDP whatever T1 is: the demo says so instead of waiting.
    assertThat(run.out()).contains("Alice's INVITE client transaction is still in Completed")
        .contains("Live transactions at the end: Alice 1, Bob 0");
  }

  @Test
  @DisplayName("over TCP every transaction terminates (Timers D, I, J and K are zero on a reliable transport); exit 0")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void tcp() {
    Run run = demo("--transport", "tcp");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains(">> ACK ")
        .containsPattern("Alice\\s+INVITE client transaction\\s+\\(start\\) -> Calling -> Proceeding"
            + " -> Completed -> Terminated")
        .containsPattern("Bob\\s+INVITE server transaction\\s+\\(start\\) -> Proceeding -> Completed"
            + " -> Confirmed -> Terminated")
        .contains("Live transactions at the end: Alice 0, Bob 0");
  }

  @Test
  @DisplayName("a responder that answers INVITE with 603 instead of 486 makes the demo fail with exit 1 and say what it expected")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void unexpectedStatusFails() {
    Run run = demo("--quiet", "--transport", "tcp", "--responder-status", "603");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("FAILED: 1 check(s) did not pass")
        .contains("expected 486 Busy Here to INVITE, got 603 Decline");
    assertThat(run.out()).doesNotContain("OK: everything happened")
        // --quiet: the summary, not the trace.
        .contains("Summary").doesNotContain(" >> ");
  }

  @Test
  @DisplayName("an unknown transport is a usage error (exit 2)")
  void unknownTransport() {
    Run run = demo("--transport", "sctp");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--transport must be udp or tcp: sctp");
  }
}

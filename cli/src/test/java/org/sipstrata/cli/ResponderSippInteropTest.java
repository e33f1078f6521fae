package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with a real peer: a SIPp UAC (Debian package {@code sip-tester}) sends 1,000 INVITEs
 * (expecting an optional 100 and the 486, then sending the ACK) or 1,000 OPTIONS (expecting 200)
 * to {@code strata responder}, over UDP and TCP, and INVITEs over UDP with SIPp dropping 10% of
 * the messages ({@code -lost 10}). Loopback only; runs only where {@code sipp} is on the PATH.
 */
@DisplayName("strata responder against SIPp")
@EnabledIf("org.sipstrata.cli.Sipp#installed")
class ResponderSippInteropTest {

  private static final int CALLS = 1000;

  /**
   * The ACK for a non-2xx has the INVITE's branch (§17.1.1.3), so the scenario sets the branch
   * itself ({@code [branch]} differs per message in SIPp). The pause keeps the call alive so that
   * SIPp answers a retransmitted 486 with its ACK again.
   */
  private static final String INVITE = """
      <?xml version="1.0" encoding="ISO-8859-1" ?>
      <scenario name="INVITE to strata responder">
        <send retrans="500">
          <![CDATA[
            INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
            From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
            To: <sip:[service]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: 1 INVITE
            Contact: <sip:sipp@[local_ip]:[local_port]>
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <recv response="100" optional="true" />
        <recv response="486" />
        <send>
          <![CDATA[
            ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
            From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
            To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
            Call-ID: [call_id]
            CSeq: 1 ACK
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <pause milliseconds="4000" />
      </scenario>
      """;

  /** INVITE answered 200 (with Contact), ACK as a new transaction to the Contact. */
  private static final String INVITE_200 = """
      <?xml version="1.0" encoding="ISO-8859-1" ?>
      <scenario name="INVITE 200 to strata responder">
        <send retrans="500">
          <![CDATA[
            INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number];rport
            From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
            To: <sip:[service]@[remote_ip]:[remote_port]>
            Call-ID: [call_id]
            CSeq: 1 INVITE
            Contact: <sip:sipp@[local_ip]:[local_port]>
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <recv response="100" optional="true" />
        <recv response="200" rrs="true" />
        <send>
          <![CDATA[
            ACK [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-[pid]-[call_number]-ack;rport
            From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
            To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
            Call-ID: [call_id]
            CSeq: 1 ACK
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <pause milliseconds="4000" />
      </scenario>
      """;



  @TempDir Path dir;

  /** What one run gives: SIPp's exit code and statistics, the responder's counters. */
  private record Run(int sippExit, String sippOutput, Map<String, Long> sipp,
      Map<String, Long> responder) {}

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
  //= type=test
  //# If an ACK is received while the server transaction is in the
  //# "Completed" state, the server transaction MUST transition to the
  //# "Confirmed" state.
  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"udp", "tcp"})
  @DisplayName("1,000 INVITEs get 486 and their ACKs are absorbed by the INVITE server transactions")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandInvites(String transport) throws Exception {
    Run run = run(transport, INVITE, List.of());

    assertThat(run.sippExit()).as(run.sippOutput()).isZero();
    assertThat(run.sipp().get("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(run.sipp().get("FailedCall(C)")).isZero();
    assertThat(run.responder().get("answered")).isEqualTo(CALLS);
    assertThat(run.responder().get("acks-absorbed")).isGreaterThanOrEqualTo(CALLS);
    assertThat(run.responder().get("stray-acks")).isZero();
    assertThat(run.responder().get("failures")).isZero();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"udp", "tcp"})
  @DisplayName("1,000 OPTIONS get 200 through non-INVITE server transactions")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandOptions(String transport) throws Exception {
    Run run = run(transport, Sipp.OPTIONS_SCENARIO, List.of());

    assertThat(run.sippExit()).as(run.sippOutput()).isZero();
    assertThat(run.sipp().get("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(run.sipp().get("FailedCall(C)")).isZero();
    assertThat(run.responder().get("answered")).isEqualTo(CALLS);
    assertThat(run.responder().get("failures")).isZero();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
  //= type=test
  //# While in the "Proceeding" state, if the TU passes a response with
  //# status code from 300 to 699 to the server transaction, the response
  //# MUST be passed to the transport layer for transmission, and the state
  //# machine MUST enter the "Completed" state.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
  //= type=test
  //# If timer G fires, the response
  //# is passed to the transport layer once more for retransmission, and
  //# timer G is set to fire in MIN(2*T1, T2) seconds.
  @Test
  @DisplayName("under 10% loss (SIPp -lost 10 over UDP) no call fails and retransmissions are answered "
      + "by the transactions: each INVITE reaches the responder's core once")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandInvitesUnderLoss() throws Exception {
    Run run = run("udp", INVITE, List.of("-lost", "10"));

    assertThat(run.sippExit()).as(run.sippOutput()).isZero();
    assertThat(run.sipp().get("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(run.sipp().get("FailedCall(C)")).isZero();
    assertThat(run.sipp().get("Retransmissions(C)")).as("SIPp retransmitted").isPositive();
    // Every INVITE reached the core once although the network carried retransmissions: the
    // transactions answered them (SIPp drops 10% of what it sends, so most lost messages are
    // ACKs, and the INVITE server transactions retransmit the 486 until the ACK arrives).
    assertThat(run.responder().get("answered")).isEqualTo(CALLS);
    assertThat(run.responder().get("responses-retransmitted")).isPositive();
    // Each INVITE server transaction got its ACK, or is still waiting for it when the responder
    // stops (SIPp ends a call 4 s after its ACK and ignores later 486 copies), or gave up on
    // Timer H.
    Map<String, Long> r = run.responder();
    assertThat(r.get("acks-absorbed") + r.get("live") + r.get("failures"))
        .isGreaterThanOrEqualTo(CALLS);
    assertThat(r.get("acks-absorbed")).isGreaterThan(CALLS * 95L / 100);
    assertThat(run.responder().get("stray-acks")).isZero();
  }

  //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
  //= type=test
  //# Response retransmissions cease when an ACK request for the
  //# response is received.
  @Test
  @DisplayName("with --status 200 under 10% loss over UDP: every call succeeds, the core retransmits "
      + "the 2xx outside the transaction until SIPp's ACK (a new transaction) arrives")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandTwoHundredsUnderLoss() throws Exception {
    Run run = run("udp", INVITE_200, List.of("-lost", "10"), "200");

    assertThat(run.sippExit()).as(run.sippOutput()).isZero();
    assertThat(run.sipp().get("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(run.sipp().get("FailedCall(C)")).isZero();
    Map<String, Long> r = run.responder();
    assertThat(r.get("answered")).isEqualTo(CALLS);
    assertThat(r.get("2xx-retransmitted")).as("copies of 2xx sent again").isPositive();
    assertThat(r.get("acks-for-2xx")).isGreaterThan(CALLS * 95L / 100);
    assertThat(r.get("acks-absorbed")).as("ACKs for a 2xx are not the transaction's").isZero();
  }

  private Run run(String transport, String scenarioText, List<String> extra) throws Exception {
    return run(transport, scenarioText, extra, "486");
  }

  private Run run(String transport, String scenarioText, List<String> extra, String status)
      throws Exception {
    Sipp.Server server = Sipp.start(transport, "responder", "--status", status,
        "--max-requests", Integer.toString(CALLS), "--linger", "6");
    Sipp.Result sipp = Sipp.run(dir, scenarioText, transport, server.port(), CALLS, 250, extra);
    assertThat(server.exit().get(60, TimeUnit.SECONDS)).as(server.out().toString()).isZero();

    Matcher counters = Pattern.compile("answered=.*").matcher(server.out().toString());
    assertThat(counters.find()).as("the responder printed its counters: " + server.out()).isTrue();
    Map<String, Long> responder = new HashMap<>();
    for (String pair : counters.group().trim().split(" ")) {
      String[] kv = pair.split("=");
      responder.put(kv[0], Long.parseLong(kv[1]));
    }
    System.out.println(transport + " " + extra + ": SIPp " + sipp.statistics().get("SuccessfulCall(C)")
        + " successful, " + sipp.statistics().get("Retransmissions(C)") + " retransmissions; responder "
        + counters.group().trim());
    return new Run(sipp.exit(), sipp.output(), sipp.statistics(), responder);
  }
}

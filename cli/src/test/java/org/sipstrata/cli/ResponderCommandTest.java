package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@DisplayName("strata responder")
class ResponderCommandTest {

  private static String request(String method, String branch, String cseqMethod, String toTag) {
    return method + " sip:bob@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
        + "To: <sip:bob@127.0.0.1>" + toTag + "\r\n"
        + "Call-ID: " + branch + "@127.0.0.1\r\n"
        + "CSeq: 1 " + cseqMethod + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static String exchange(DatagramSocket socket, int port, String text) throws Exception {
    byte[] bytes = text.replace("127.0.0.1:5999", "127.0.0.1:" + socket.getLocalPort())
        .getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    return receive(socket);
  }

  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
  //= type=test
  //# The server transaction MUST generate a 100
  //# (Trying) response unless it knows that the TU will generate a
  //# provisional or final response within 200 ms, in which case it MAY
  //# generate a 100 (Trying) response.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
  //= type=test
  //# Furthermore,
  //# while in the "Completed" state, if a request retransmission is
  //# received, the server SHOULD pass the response to the transport for
  //# retransmission.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
  //= type=test
  //# If the UAS did not find a matching transaction for the CANCEL
  //# according to the procedure above, it SHOULD respond to the CANCEL
  //# with a 481 (Call Leg/Transaction Does Not Exist).
  @Test
  @DisplayName("over UDP: INVITE gets 100 and 486, its retransmission the 486 again from the transaction, the ACK is absorbed; OPTIONS 200; a stray CANCEL 481")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void udpExchange() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> commandLine.execute(
        "responder", "--listen", "udp:127.0.0.1:0", "--status", "486", "--max-requests", "3",
        "--linger", "0.5"));
    int port = awaitPort(out, server);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5_000);
      String invite = request("INVITE", "inv1", "INVITE", "");
      assertThat(exchange(socket, port, invite)).startsWith("SIP/2.0 100 Trying");
      String busy = receive(socket);
      assertThat(busy).startsWith("SIP/2.0 486 Busy Here");
      assertThat(exchange(socket, port, invite)).as("the retransmission").isEqualTo(busy);
      Matcher tag = Pattern.compile("To: <sip:bob@127.0.0.1>(;tag=[^\\r]+)").matcher(busy);
      assertThat(tag.find()).isTrue();
      byte[] ack = request("ACK", "inv1", "ACK", tag.group(1))
          .replace("127.0.0.1:5999", "127.0.0.1:" + socket.getLocalPort())
          .getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(ack, ack.length, InetAddress.getLoopbackAddress(), port));

      String ok = exchange(socket, port, request("OPTIONS", "opt1", "OPTIONS", ""));
      assertThat(ok).startsWith("SIP/2.0 200 OK").contains("Allow: INVITE, ACK, CANCEL");
      assertThat(exchange(socket, port, request("CANCEL", "nothing", "CANCEL", "")))
          .startsWith("SIP/2.0 481");
    }
    assertThat(server.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).contains("answered=3 retransmissions-absorbed=1 ")
        .contains(" acks-absorbed=1 ").contains(" stray-acks=0 ");
  }

  //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
  //= type=test
  //# In order to ensure reliable end-to-end
  //# transport of the response, it is necessary to periodically pass
  //# the response directly to the transport until the ACK arrives.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-12.1.1
  //= type=test
  //# The UAS MUST add a Contact header field to
  //# the response.
  @Test
  @DisplayName("with --status 200 an INVITE gets a 200 with Contact, sent again after T1 by the core until the ACK arrives")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void twoHundredUntilAck() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> commandLine.execute(
        "responder", "--listen", "udp:127.0.0.1:0", "--status", "200", "--max-requests", "1",
        "--linger", "3"));
    int port = awaitPort(out, server);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5_000);
      String invite = request("INVITE", "inv2", "INVITE", "");
      assertThat(exchange(socket, port, invite)).startsWith("SIP/2.0 100 Trying");
      String ok = receive(socket);
      assertThat(ok).startsWith("SIP/2.0 200 OK")
          .contains("Contact: <sip:strata@127.0.0.1:" + port + ";transport=udp>");
      long first = System.nanoTime();
      assertThat(receive(socket)).as("the core's retransmission").isEqualTo(ok);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first)).isBetween(300L, 1_400L);
      Matcher tag = Pattern.compile("To: <sip:bob@127.0.0.1>(;tag=[^\\r]+)").matcher(ok);
      assertThat(tag.find()).isTrue();
      // The ACK for a 2xx is a transaction of its own: a new branch (§17.1.1.3).
      byte[] ack = request("ACK", "ack2", "ACK", tag.group(1))
          .replace("Call-ID: ack2@", "Call-ID: inv2@")
          .replace("127.0.0.1:5999", "127.0.0.1:" + socket.getLocalPort())
          .getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(ack, ack.length, InetAddress.getLoopbackAddress(), port));
      socket.setSoTimeout(2_000);
      assertThatThrownBy(() -> receive(socket)).as("no copy after the ACK")
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
    assertThat(server.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).contains("answered=1 ").contains(" acks-for-2xx=1 ")
        .contains(" no-ack-2xx=0 ").contains(" stray-acks=0 ");
  }

  @Test
  @DisplayName("a provisional status is refused: --status names the final response")
  void refusesProvisional() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute("responder", "--listen", "udp:127.0.0.1:0", "--status", "180"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--status must be a final status, 200-699");
  }

  private static int awaitPort(StringWriter out, CompletableFuture<Integer> server) {
    Pattern listening = Pattern.compile("listening on udp:127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
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

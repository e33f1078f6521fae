package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxLimits;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import picocli.CommandLine;

@DisplayName("strata stateless")
class StatelessCommandTest {

  private static String request(String method, String cseq, String extra) {
    return method + " sip:carol@chicago.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK" + method.toLowerCase() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: <sip:carol@chicago.com>\r\n"
        + "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710\r\n"
        + "CSeq: " + cseq + "\r\n"
        + extra
        + "Content-Length: 0\r\n\r\n";
  }

  @Nested
  @DisplayName("the responder's decisions")
  class Responder {

    private Optional<SipResponse> answer(String text) throws Exception {
      FramingResult.Framed framed =
          (FramingResult.Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
      TransportAddress here = new TransportAddress(InetAddress.getLoopbackAddress(), 5060);
      return new StatelessResponder().answer(new IncomingMessage(framed.message(), Transport.UDP,
          here, here, Optional.empty(), framed.facts()));
    }

    //= https://www.rfc-editor.org/rfc/rfc3261#section-11.2
    //= type=test
    //# Allow, Accept, Accept-Encoding, Accept-Language, and Supported header
    //# fields SHOULD be present in a 200 (OK) response to an OPTIONS
    //# request.
    @Test
    @DisplayName("OPTIONS: 200 OK with Allow, Accept and Supported, a To tag, and the request's Via/From/Call-ID/CSeq")
    void options() throws Exception {
      SipResponse r = answer(request("OPTIONS", "1 OPTIONS", "")).orElseThrow();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("Allow").orElseThrow().value()).isEqualTo("OPTIONS, ACK, CANCEL");
      assertThat(r.headers().contains("Accept")).isTrue();
      assertThat(r.headers().contains("Supported")).isTrue();
      assertThat(r.toTag()).isPresent();
      assertThat(r.cseq().orElseThrow().method()).isEqualTo("OPTIONS");
      assertThat(r.topViaBranch()).contains("z9hG4bKoptions");
      assertThat(r.validate()).isEmpty();
      // The tag is the same for a retransmission (§8.2.7).
      assertThat(answer(request("OPTIONS", "1 OPTIONS", "")).orElseThrow().toTag()).isEqualTo(r.toTag());
    }

    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.1
    //= type=test
    //# If the UAS recognizes
    //# but does not support the method of a request, it MUST generate a 405
    //# (Method Not Allowed) response.
    @Test
    @DisplayName("INVITE: 405 with Allow; an unknown method: 501 with Allow")
    void otherMethods() throws Exception {
      SipResponse invite = answer(request("INVITE", "1 INVITE", "Contact: <sip:alice@127.0.0.1>\r\n")).orElseThrow();
      assertThat(invite.statusCode()).isEqualTo(405);
      assertThat(invite.headers().contains("Allow")).isTrue();
      SipResponse unknown = answer(request("PUBLISH", "1 PUBLISH", "")).orElseThrow();
      assertThat(unknown.statusCode()).isEqualTo(501);
      assertThat(unknown.reasonPhrase()).isEqualTo("Not Implemented");
    }

    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.7
    //= type=test
    //# A stateless UAS MUST ignore ACK requests.
    @Test
    @DisplayName("ACK and CANCEL get no response; responses get no response")
    void ignored() throws Exception {
      assertThat(answer(request("ACK", "1 ACK", ""))).isEmpty();
      assertThat(answer(request("CANCEL", "1 CANCEL", ""))).isEmpty();
      assertThat(answer("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1\r\nContent-Length: 0\r\n\r\n")).isEmpty();
    }

    @Test
    @DisplayName("malformed requests: 400 whose reason names the problem")
    void malformed() throws Exception {
      SipResponse cseq = answer(request("OPTIONS", "1 INVITE", "")).orElseThrow();
      assertThat(cseq.statusCode()).isEqualTo(400);
      assertThat(cseq.reasonPhrase()).contains("CSeq").contains("8.1.1.5");
      assertThat(cseq.validate()).isEmpty();

      SipResponse missing = answer(request("OPTIONS", "1 OPTIONS", "").replace("Max-Forwards: 70\r\n", ""))
          .orElseThrow();
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.reasonPhrase()).isEqualTo("Missing Max-Forwards (RFC 3261 §8.1.1)");

      SipResponse version = answer(request("OPTIONS", "1 OPTIONS", "")
          .replace("OPTIONS sip:carol@chicago.com SIP/2.0", "OPTIONS sip:carol@chicago.com SIP/7.0")).orElseThrow();
      assertThat(version.statusCode()).isEqualTo(400);
      assertThat(version.validate()).isEmpty();
    }
  }

  @Test
  @DisplayName("listening on TLS without a key store is refused with a message, exit status 2")
  void tlsNeedsKeystore() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute("stateless", "--listen", "tls:127.0.0.1:0")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-keystore");
  }

  @Test
  @DisplayName("end to end: OPTIONS over UDP and over TCP get 200, then --max-requests ends the command")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void endToEnd() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> commandLine.execute(
        "stateless", "--listen", "udp:127.0.0.1:0", "--listen", "tcp:127.0.0.1:0", "--max-requests", "2"));

    Pattern listening = Pattern.compile("listening on (udp|tcp):127\\.0\\.0\\.1:(\\d+)");
    int udpPort = -1;
    int tcpPort = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((udpPort < 0 || tcpPort < 0) && System.nanoTime() < deadline && !run.isDone()) {
      Matcher m = listening.matcher(out.toString());
      while (m.find()) {
        if (m.group(1).equals("udp")) {
          udpPort = Integer.parseInt(m.group(2));
        } else {
          tcpPort = Integer.parseInt(m.group(2));
        }
      }
      Thread.onSpinWait();
    }
    assertThat(udpPort).as("stdout: %s, stderr: %s", out, err).isPositive();
    assertThat(tcpPort).isPositive();

    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      udp.setSoTimeout(10_000);
      byte[] octets = request("OPTIONS", "1 OPTIONS", "")
          .replace("127.0.0.1:5999;", "127.0.0.1:5999;rport;")
          .getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(octets, octets.length, new InetSocketAddress("127.0.0.1", udpPort)));
      byte[] buffer = new byte[65535];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      udp.receive(packet);
      String response = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("SIP/2.0 200 OK\r\n").contains("rport=" + udp.getLocalPort());
    }

    try (Socket tcp = new Socket("127.0.0.1", tcpPort)) {
      tcp.setSoTimeout(10_000);
      tcp.getOutputStream().write(request("OPTIONS", "2 OPTIONS", "")
          .replace("SIP/2.0/UDP", "SIP/2.0/TCP").getBytes(StandardCharsets.UTF_8));
      StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
      InputStream in = tcp.getInputStream();
      byte[] chunk = new byte[4096];
      FramingResult result = decoder.next();
      while (!(result instanceof FramingResult.Framed)) {
        int n = in.read(chunk);
        assertThat(n).isPositive();
        decoder.feed(chunk, 0, n);
        result = decoder.next();
      }
      SipMessage response = ((FramingResult.Framed) result).message();
      assertThat(((SipResponse) response).statusCode()).isEqualTo(200);
      assertThat(response.cseq().orElseThrow().sequenceNumber()).isEqualTo(2);
    }
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(List.of(err.toString())).noneMatch(e -> e.contains("SEND_FAILED"));
  }
}

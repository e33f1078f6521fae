package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.topVia;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.SyntaxLimits;

@DisplayName("TCP over loopback")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpTransportTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final EventLoop loop = new EventLoop("tcp-test-loop");
  private final Recorder server = new Recorder();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private SocketTransport transport;
  private Endpoint listening;

  private void start(TransportConfig config) throws IOException {
    transport = SocketTransport.create(config, loop, server);
    listening = transport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
    if (transport != null) {
      transport.close();
    }
    loop.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(LOOPBACK, listening.address().port());
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    resources.add(socket);
    return socket;
  }

  private void answerOk() {
    server.onEachMessage(in -> {
      if (in.message() instanceof SipRequest r) {
        transport.sendResponse(Responses.stateless(r, 200, "OK", List.of()), in);
      }
    });
  }

  private static byte[] options(String via, int cseq) {
    String text = new String(Messages.options(via).toBytes(), StandardCharsets.UTF_8)
        .replace("CSeq: 63104", "CSeq: " + cseq);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads framed messages from the socket until {@code count} arrived or the stream ends. */
  private static List<SipMessage> read(Socket socket, int count) throws IOException {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    List<SipMessage> out = new ArrayList<>();
    InputStream in = socket.getInputStream();
    byte[] chunk = new byte[16384];
    while (out.size() < count) {
      int n = in.read(chunk);
      if (n < 0) {
        break;
      }
      decoder.feed(chunk, 0, n);
      for (FramingResult r = decoder.next(); r instanceof FramingResult.Framed f; r = decoder.next()) {
        out.add(f.message());
      }
    }
    return out;
  }

  /** Reads until end of stream (or reset), bounded by the socket timeout. */
  private static String readToEnd(Socket socket) throws IOException {
    StringBuilder sb = new StringBuilder();
    byte[] chunk = new byte[4096];
    try {
      for (int n; (n = socket.getInputStream().read(chunk)) >= 0; ) {
        sb.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (java.net.SocketException reset) {
      sb.append("<reset>");
    }
    return sb.toString();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# If the "sent-protocol" is a reliable transport protocol such as
  //# TCP or SCTP, or TLS over those, the response MUST be sent using
  //# the existing connection to the source of the original request
  //# that created the transaction, if that connection is still open.
  @Test
  @DisplayName("OPTIONS in, 200 back on the same connection; the connection is passed up with the request")
  void roundTrip() throws Exception {
    start(TransportConfig.defaults());
    answerOk();
    Socket client = connect();
    client.getOutputStream().write(options("SIP/2.0/TCP client.invalid:5999;branch=z9hG4bKt1", 1));
    IncomingMessage in = server.next();
    assertThat(in.transport()).isEqualTo(Transport.TCP);
    assertThat(in.connection()).isPresent();
    assertThat(in.connection().get().remote().port()).isEqualTo(client.getLocalPort());
    assertThat(in.source().port()).isEqualTo(client.getLocalPort());
    assertThat(topVia(in.message())).isEqualTo("SIP/2.0/TCP client.invalid:5999;branch=z9hG4bKt1;received=127.0.0.1");
    List<SipMessage> responses = read(client, 1);
    assertThat(responses).hasSize(1);
    assertThat(((SipResponse) responses.get(0)).statusCode()).isEqualTo(200);
    assertThat(transport.openConnections()).isEqualTo(1);
  }

  @Test
  @DisplayName("a message split at every byte boundary is framed the same each time")
  void everySplit() throws Exception {
    start(TransportConfig.defaults());
    Socket client = connect();
    OutputStream out = client.getOutputStream();
    byte[] message = options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKsplit", 1);
    for (int split = 1; split < message.length; split++) {
      byte[] m = options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKsplit", split);
      out.write(m, 0, split);
      out.flush();
      out.write(m, split, m.length - split);
      out.flush();
    }
    for (int split = 1; split < message.length; split++) {
      SipMessage got = server.next().message();
      assertThat(got.cseq().orElseThrow().sequenceNumber()).isEqualTo(split);
      assertThat(got.topViaBranch()).contains("z9hG4bKsplit");
    }
    assertThat(server.errors).noneMatch(e -> e.kind() == TransportError.Kind.STREAM_FRAMING_ERROR);
  }

  @Test
  @DisplayName("10,000 pipelined requests on one connection: 10,000 responses, in order, within a minute")
  void pipelined() throws Exception {
    start(TransportConfig.defaults());
    answerOk();
    Socket client = connect();
    int count = 10_000;
    long started = System.nanoTime();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        OutputStream out = new java.io.BufferedOutputStream(client.getOutputStream(), 65536);
        for (int i = 1; i <= count; i++) {
          out.write(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKp" + i, i));
        }
        out.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    List<SipMessage> responses = read(client, count);
    writer.get(60, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(responses).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(responses.get(i).cseq().orElseThrow().sequenceNumber()).isEqualTo(i + 1);
    }
    assertThat(took).isLessThan(Duration.ofSeconds(60));
    System.out.println("10,000 pipelined OPTIONS/200 over one TCP connection: " + took.toMillis() + " ms");
  }

  @Test
  @DisplayName("a connection dropped mid-message: a framing error for it, nothing passed up, others unaffected")
  void droppedMidMessage() throws Exception {
    start(TransportConfig.defaults());
    Socket client = connect();
    byte[] m = options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKcut", 1);
    client.getOutputStream().write(m, 0, m.length / 2);
    client.getOutputStream().flush();
    client.close();
    TransportError error = server.nextError(TransportError.Kind.STREAM_FRAMING_ERROR);
    assertThat(error.syntaxError().map(SyntaxError::kind)).contains(SyntaxError.Kind.TRUNCATED_MESSAGE);
    server.nextError(TransportError.Kind.CONNECTION_CLOSED);
    assertThat(server.messages).isEmpty();

    answerOk();
    Socket next = connect();
    next.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKnext", 2));
    assertThat(read(next, 1)).hasSize(1);
  }

  @Test
  @DisplayName("slowloris: a partial message dripped byte by byte is cut off after the partial-message timeout")
  void slowloris() throws Exception {
    start(TransportConfig.defaults().withPartialMessageTimeout(Duration.ofMillis(400)));
    Socket client = connect();
    OutputStream out = client.getOutputStream();
    out.write("OPTIONS sip:carol@chicago.com SIP/2.0\r\nSubject: ".getBytes(StandardCharsets.US_ASCII));
    long started = System.nanoTime();
    boolean writeFailed = false;
    for (int i = 0; i < 200 && !writeFailed; i++) {
      try {
        out.write('x');
        out.flush();
        if (server.errors.stream().anyMatch(e -> e.kind() == TransportError.Kind.CONNECTION_CLOSED)) {
          break;
        }
        Thread.sleep(25);
      } catch (IOException closed) {
        writeFailed = true;
      }
    }
    TransportError closed = server.nextError(TransportError.Kind.CONNECTION_CLOSED);
    assertThat(closed.detail()).contains("partial message");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(transport.openConnections()).isZero();
  }

  @Test
  @DisplayName("an idle connection is closed after the idle timeout")
  void idle() throws Exception {
    start(TransportConfig.defaults().withIdleTimeout(Duration.ofMillis(300)));
    Socket client = connect();
    assertThat(readToEnd(client)).isEmpty();
    assertThat(server.nextError(TransportError.Kind.CONNECTION_CLOSED).detail()).startsWith("idle");
  }

  @Test
  @DisplayName("an oversized message closes only its connection")
  void oversized() throws Exception {
    start(TransportConfig.defaults().withSyntaxLimits(SyntaxLimits.defaults().withMaxMessageSize(4096)));
    Socket client = connect();
    String big = new String(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKbig", 1), StandardCharsets.UTF_8)
        .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSubject: " + "x".repeat(8000) + "\r\n");
    client.getOutputStream().write(big.getBytes(StandardCharsets.UTF_8));
    TransportError error = server.nextError(TransportError.Kind.STREAM_FRAMING_ERROR);
    assertThat(error.syntaxError().orElseThrow().kind().isLimit()).isTrue();
    assertThat(readToEnd(client)).doesNotContain("SIP/2.0 200");
    assertThat(server.messages).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# The Content-
  //# Length header field MUST be used with stream oriented transports.
  @Test
  @DisplayName("no Content-Length on TCP: 400 with a reason naming the rule, then the connection is closed")
  void missingContentLength() throws Exception {
    start(TransportConfig.defaults());
    Socket client = connect();
    String request = new String(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKncl", 1), StandardCharsets.UTF_8)
        .replace("Content-Length: 0\r\n", "");
    client.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    String answer = readToEnd(client);
    assertThat(answer).startsWith("SIP/2.0 400 ").contains("Content-Length").contains("CSeq: 1 OPTIONS")
        .contains("branch=z9hG4bKncl").endsWith("\r\n\r\n");
    assertThat(server.nextError(TransportError.Kind.STREAM_FRAMING_ERROR).syntaxError().orElseThrow().kind())
        .isEqualTo(SyntaxError.Kind.MISSING_CONTENT_LENGTH);
  }

  @Test
  @DisplayName("Content-Length that is not a number: 400 then close; a broken start line: just close")
  void malformed() throws Exception {
    start(TransportConfig.defaults());
    Socket client = connect();
    String request = new String(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKbad", 1), StandardCharsets.UTF_8)
        .replace("Content-Length: 0", "Content-Length: -999");
    client.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    String answer = readToEnd(client);
    assertThat(answer).startsWith("SIP/2.0 400 ").contains("-999");
    FramingResult parsed = org.sipstrata.syntax.SipFraming.datagram(answer.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isInstanceOf(FramingResult.Framed.class);
    assertThat(((FramingResult.Framed) parsed).message().validate()).isEmpty();

    Socket other = connect();
    other.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(readToEnd(other)).doesNotContain("SIP/2.0");
  }

  @Test
  @DisplayName("over the connection limit, a new connection is closed at once and reported")
  void connectionLimit() throws Exception {
    start(TransportConfig.defaults().withMaxConnections(2));
    answerOk();
    Socket a = connect();
    Socket b = connect();
    a.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKa", 1));
    b.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKb", 1));
    assertThat(read(a, 1)).hasSize(1);
    assertThat(read(b, 1)).hasSize(1);
    Socket c = connect();
    assertThat(readToEnd(c)).isEmpty();
    server.nextError(TransportError.Kind.CONNECTION_REFUSED);
    assertThat(transport.openConnections()).isEqualTo(2);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# If that connection is no longer open, the server SHOULD open a
  //# connection to the IP address in the "received" parameter, if
  //# present, using the port in the "sent-by" value, or the default
  //# port for that transport, if no port is specified.
  @Test
  @DisplayName("the request's connection closed: the response goes on a new connection to received and the sent-by port")
  void newConnection() throws Exception {
    start(TransportConfig.defaults());
    try (ServerSocket clientListener = new ServerSocket(0, 5, LOOPBACK)) {
      clientListener.setSoTimeout(10_000);
      Socket client = connect();
      client.getOutputStream().write(options("SIP/2.0/TCP client.invalid:" + clientListener.getLocalPort()
          + ";branch=z9hG4bKnew", 1));
      IncomingMessage request = server.next();
      client.close();
      server.nextError(TransportError.Kind.CONNECTION_CLOSED);
      assertThat(transport.isOpen(request.connection().orElseThrow())).isFalse();

      transport.sendResponse(Responses.stateless((SipRequest) request.message(), 200, "OK", List.of()), request);
      try (Socket back = clientListener.accept()) {
        back.setSoTimeout(10_000);
        List<SipMessage> responses = read(back, 1);
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).topViaBranch()).contains("z9hG4bKnew");
      }
    }
  }

  @Test
  @DisplayName("two transports over TCP: sendRequest fills the Via, the response comes back and is ours")
  void clientOverTcp() throws Exception {
    start(TransportConfig.defaults());
    answerOk();
    Recorder alice = new Recorder();
    try (SocketTransport a = SocketTransport.create(TransportConfig.defaults(), loop, alice)) {
      Endpoint aPoint = a.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0));
      a.sendRequest(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKtcp"), listening);
      assertThat(topVia(server.next().message()))
          .startsWith("SIP/2.0/TCP 127.0.0.1:" + aPoint.address().port() + ";branch=z9hG4bKtcp;rport=");
      IncomingMessage response = alice.next();
      assertThat(((SipResponse) response.message()).statusCode()).isEqualTo(200);
      assertThat(response.connection()).isPresent();
      // A second request reuses the connection (§18.1.1 RECOMMENDED).
      a.sendRequest(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKtcp2"), listening);
      assertThat(alice.next().connection()).isEqualTo(response.connection());
      assertThat(a.openConnections()).isEqualTo(1);
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
  //= type=test
  //# If this causes a change in the transport protocol from the
  //# one indicated in the top Via, the value in the top Via MUST be
  //# changed.
  @Test
  @DisplayName("a UDP request over 1300 octets goes over TCP with TCP in its Via")
  void largeRequestSwitchesToTcp() throws Exception {
    start(TransportConfig.defaults());
    Endpoint udp = transport.listen(Transport.UDP, new TransportAddress(LOOPBACK, listening.address().port()));
    Recorder alice = new Recorder();
    try (SocketTransport a = SocketTransport.create(TransportConfig.defaults(), loop, alice)) {
      a.listen(Transport.UDP, new TransportAddress(LOOPBACK, 0));
      SipRequest large = (SipRequest) Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKbig")
          .withHeaders(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKbig").headers()
              .with(org.sipstrata.syntax.HeaderField.of("Subject", "y".repeat(1400))));
      a.sendRequest(large, udp);
      IncomingMessage in = server.next();
      assertThat(in.transport()).isEqualTo(Transport.TCP);
      assertThat(topVia(in.message())).startsWith("SIP/2.0/TCP ");
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
  //= type=test
  //# If an element sends a request over TCP because of these message size
  //# constraints, and that request would have otherwise been sent over
  //# UDP, if the attempt to establish the connection generates either an
  //# ICMP Protocol Not Supported, or results in a TCP reset, the element
  //# SHOULD retry the request, using UDP.
  @Test
  @DisplayName("the TCP connection for a large request is refused: the request is retried over UDP")
  void largeRequestFallsBackToUdp() throws Exception {
    Recorder udpOnly = new Recorder();
    try (SocketTransport b = SocketTransport.create(TransportConfig.defaults(), loop, udpOnly);
        SocketTransport a = SocketTransport.create(TransportConfig.defaults(), loop, server)) {
      Endpoint bPoint = b.listen(Transport.UDP, new TransportAddress(LOOPBACK, 0));
      a.listen(Transport.UDP, new TransportAddress(LOOPBACK, 0));
      SipRequest base = Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKfb");
      SipRequest large = base.withHeaders(base.headers()
          .with(org.sipstrata.syntax.HeaderField.of("Subject", "y".repeat(1400))));
      a.sendRequest(large, bPoint);
      IncomingMessage in = udpOnly.next();
      assertThat(in.transport()).isEqualTo(Transport.UDP);
      assertThat(topVia(in.message())).startsWith("SIP/2.0/UDP ");
    }
  }
}

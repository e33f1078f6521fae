package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.topVia;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxLimits;

/** TLS over loopback with a certificate made at test time by the JDK's keytool (RFC 3261 §26.3.1). */
@DisplayName("TLS over loopback")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransportTest {

  private static final char[] PASSWORD = "strata-test".toCharArray();
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir static Path dir;
  private static SSLContext trusted;
  private static SSLContext untrusting;

  private final EventLoop loop = new EventLoop("tls-test-loop");
  private final Recorder server = new Recorder();
  private SocketTransport transport;
  private Endpoint listening;

  /** A self-signed EC certificate for 127.0.0.1, in a PKCS12 key store. */
  @BeforeAll
  static void certificate() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "strata",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("strata", store.getCertificate("strata"));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trustStore);
    trusted = SSLContext.getInstance("TLS");
    trusted.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    TrustManagerFactory none = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    none.init(empty);
    untrusting = SSLContext.getInstance("TLS");
    untrusting.init(null, none.getTrustManagers(), null);
  }

  private void start() throws Exception {
    transport = SocketTransport.create(TransportConfig.defaults().withTls(Optional.of(trusted)), loop, server);
    listening = transport.listen(Transport.TLS, new TransportAddress(LOOPBACK, 0));
    server.onEachMessage(in -> {
      if (in.message() instanceof SipRequest r) {
        transport.sendResponse(Responses.stateless(r, 200, "OK", List.of()), in);
      }
    });
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    loop.close();
  }

  @Test
  @DisplayName("two transports over TLS: Via says TLS, the 200 comes back on the same connection")
  void roundTrip() throws Exception {
    start();
    Recorder alice = new Recorder();
    try (SocketTransport a = SocketTransport.create(
        TransportConfig.defaults().withTls(Optional.of(trusted)), loop, alice)) {
      Endpoint aPoint = a.listen(Transport.TLS, new TransportAddress(LOOPBACK, 0));
      a.sendRequest(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKtls"), listening);
      IncomingMessage request = server.next();
      assertThat(request.transport()).isEqualTo(Transport.TLS);
      assertThat(request.connection().orElseThrow().transport()).isEqualTo(Transport.TLS);
      assertThat(topVia(request.message()))
          .startsWith("SIP/2.0/TLS 127.0.0.1:" + aPoint.address().port() + ";branch=z9hG4bKtls;rport=");
      IncomingMessage response = alice.next();
      assertThat(((SipResponse) response.message()).statusCode()).isEqualTo(200);
      assertThat(response.transport()).isEqualTo(Transport.TLS);
    }
  }

  @Test
  @DisplayName("a plain SSLSocket client gets its 200 over TLS")
  void rawClient() throws Exception {
    start();
    try (SSLSocket socket = (SSLSocket) trusted.getSocketFactory()
        .createSocket(LOOPBACK, listening.address().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(Messages.options("SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bKraw")
          .toBytes());
      StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
      byte[] chunk = new byte[4096];
      FramingResult result = decoder.next();
      while (!(result instanceof FramingResult.Framed)) {
        int n = socket.getInputStream().read(chunk);
        assertThat(n).isPositive();
        decoder.feed(chunk, 0, n);
        result = decoder.next();
      }
      SipResponse response = (SipResponse) ((FramingResult.Framed) result).message();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new String(response.toBytes(), StandardCharsets.UTF_8)).contains("branch=z9hG4bKraw");
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.4
  //= type=test
  //# If the transport user asks for a request to be sent over a reliable
  //# transport, and the result is a connection failure, the transport
  //# layer SHOULD inform the transport user of a failure in sending.
  @Test
  @DisplayName("a client that does not trust the server's certificate reports CONNECT_FAILED")
  void untrustedServer() throws Exception {
    start();
    Recorder alice = new Recorder();
    try (SocketTransport a = SocketTransport.create(
        TransportConfig.defaults().withTls(Optional.of(untrusting)), loop, alice)) {
      a.listen(Transport.UDP, new TransportAddress(LOOPBACK, 0));
      a.sendRequest(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKnot"), listening);
      assertThat(alice.nextError(TransportError.Kind.CONNECT_FAILED).detail()).contains("cannot connect");
      assertThat(server.messages).isEmpty();
    }
  }
}

package org.sipstrata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.EventLoop;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.SocketTransport;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import org.sipstrata.transport.TransportConfig;
import org.sipstrata.transport.TransportError;
import org.sipstrata.transport.TransportListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code strata stateless --listen udp:127.0.0.1:5099 --listen tcp:127.0.0.1:5099}: the transport
 * layer alone, with a stateless UAS on top (RFC 3261 §8.2.7): 200 to OPTIONS, 405/501 to other
 * methods, 400 with the precise problem to malformed requests; responses routed by §18.2.2.
 */
@Command(
    name = "stateless",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a stateless responder on the transport layer (RFC 3261 §18, §8.2.7): 200 OK to",
      "OPTIONS (Allow, Accept, Supported), 405 to the other methods of RFC 3261, 501 to unknown",
      "ones, 400 naming the problem to malformed requests; ACK and CANCEL are ignored.",
      "Prints the bound listening points, then one line per request with --verbose.",
      "Runs until interrupted, or until --max-requests requests were answered."
    })
final class StatelessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      paramLabel = "TRANSPORT:HOST:PORT",
      converter = ListenConverter.class,
      description = "A listening point, e.g. udp:127.0.0.1:5099, tcp:[::1]:5099, tls:127.0.0.1:5061 "
          + "(port 0: any). "
          + "Default: udp and tcp on 127.0.0.1:5060.")
  List<Endpoint> listen;

  @Option(names = "--max-requests", paramLabel = "N",
      description = "Exit after answering N requests.")
  Long maxRequests;

  @Option(names = "--verbose", description = "Print one line per request and per transport event.")
  boolean verbose;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "PKCS12 key store with the server certificate, for --listen tls:...")
  Path tlsKeystore;

  @Option(names = "--tls-password", paramLabel = "PASSWORD", defaultValue = "",
      description = "Password of the key store and its key.")
  String tlsPassword;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Endpoint> points = listen == null || listen.isEmpty() ? defaults() : listen;
    TransportConfig config = TransportConfig.defaults();
    if (points.stream().anyMatch(p -> p.transport() == Transport.TLS)) {
      if (tlsKeystore == null) {
        err.println("--listen tls:... needs --tls-keystore FILE (PKCS12) and --tls-password");
        return 2;
      }
      try {
        config = config.withTls(Optional.of(tlsContext(tlsKeystore, tlsPassword.toCharArray())));
      } catch (IOException | GeneralSecurityException e) {
        err.println("cannot load " + tlsKeystore + ": " + e.getMessage());
        return 2;
      }
    }
    StatelessResponder responder = new StatelessResponder();
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong answered = new AtomicLong();
    SocketTransport[] transport = new SocketTransport[1];
    try (EventLoop loop = new EventLoop("strata-stateless")) {
      TransportListener listener = new TransportListener() {
        @Override
        public void onMessage(IncomingMessage incoming) {
          Optional<SipResponse> response = responder.answer(incoming);
          response.ifPresent(r -> transport[0].sendResponse(r, incoming));
          if (verbose) {
            out.println(incoming.transport() + " " + incoming.source() + " "
                + firstLine(incoming) + " -> "
                + response.map(r -> r.statusCode() + " " + r.reasonPhrase()).orElse("(no response)"));
          }
          if (response.isPresent() && maxRequests != null && answered.incrementAndGet() >= maxRequests) {
            done.countDown();
          }
        }

        @Override
        public void onError(TransportError error) {
          if (verbose || error.kind() == TransportError.Kind.SEND_FAILED) {
            err.println(error.kind() + " " + error.remote().map(Object::toString).orElse("") + ": "
                + error.detail());
          }
        }
      };
      transport[0] = SocketTransport.create(config, loop, listener);
      try (SocketTransport t = transport[0]) {
        for (Endpoint point : points) {
          try {
            out.println("listening on " + t.listen(point.transport(), point.address()));
          } catch (IOException | RuntimeException e) {
            err.println("cannot listen on " + point + ": " + e.getMessage());
            return 1;
          }
        }
        out.flush();
        done.await();
        // The loop has run the last sends when this task runs; closing the transport then writes
        // what TCP connections still have queued.
        CountDownLatch sent = new CountDownLatch(1);
        loop.execute(sent::countDown);
        sent.await(5, TimeUnit.SECONDS);
      }
    }
    return 0;
  }

  private static SSLContext tlsContext(Path keystore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static String firstLine(IncomingMessage incoming) {
    return incoming.message() instanceof org.sipstrata.syntax.SipRequest r
        ? r.method() + " " + r.requestUri()
        : "response";
  }

  private static List<Endpoint> defaults() throws UnknownHostException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    return List.of(new Endpoint(Transport.UDP, new TransportAddress(loopback, 5060)),
        new Endpoint(Transport.TCP, new TransportAddress(loopback, 5060)));
  }

  /** {@code udp:127.0.0.1:5099}, {@code tcp:[::1]:5099}: numeric addresses only. */
  static final class ListenConverter implements ITypeConverter<Endpoint> {
    @Override
    public Endpoint convert(String value) {
      int first = value.indexOf(':');
      int last = value.lastIndexOf(':');
      if (first < 0 || last == first) {
        throw new TypeConversionException("expected TRANSPORT:HOST:PORT, e.g. udp:127.0.0.1:5099");
      }
      Transport transport = Transport.fromToken(value.substring(0, first))
          .orElseThrow(() -> new TypeConversionException("unknown transport in " + value));
      String host = value.substring(first + 1, last);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (!host.matches("[0-9.]+")) {
        throw new TypeConversionException("HOST must be a numeric IPv4 address or [IPv6]: " + value);
      }
      int port;
      try {
        port = Integer.parseInt(value.substring(last + 1));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("PORT is not a number: " + value);
      }
      try {
        return new Endpoint(transport, new TransportAddress(InetAddress.getByName(host), port));
      } catch (UnknownHostException | IllegalArgumentException e) {
        throw new TypeConversionException("not an address: " + value + " (" + e.getMessage() + ")");
      }
    }
  }
}

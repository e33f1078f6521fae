package org.sipstrata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sipstrata.transaction.TimerConfig;
import org.sipstrata.transaction.TransactionLayer;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.EventLoop;
import org.sipstrata.transport.SocketTransport;
import org.sipstrata.transport.TransportConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strata responder --listen udp:127.0.0.1:5098 --listen tcp:127.0.0.1:5098 --status 486}:
 * a transaction-stateful UAS on the transaction and transport layers (RFC 3261 §17.2): every
 * request is answered through its server transaction, so retransmitted requests get the last
 * response again and the ACK for a non-2xx is absorbed by the INVITE server transaction.
 */
@Command(
    name = "responder",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a stateful responder on the transaction layer (RFC 3261 §17.2): every request gets",
      "the --status final response through a server transaction (the INVITE server transaction",
      "sends 100 Trying first and absorbs the ACK of a non-2xx; a 2xx to INVITE carries a Contact",
      "and is retransmitted by the core until its ACK); OPTIONS gets 200, CANCEL 200 or 481 (§9.2).",
      "Retransmitted requests are answered from their transaction.",
      "Prints the bound listening points; at exit, the counters of the transaction layer."
    })
final class ResponderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "TRANSPORT:HOST:PORT", required = true,
      converter = StatelessCommand.ListenConverter.class,
      description = "A listening point, e.g. udp:127.0.0.1:5098 or tcp:127.0.0.1:5098 (port 0: any).")
  List<Endpoint> listen;

  @Option(names = "--status", paramLabel = "CODE", defaultValue = "486",
      description = "The final status for every request but OPTIONS and CANCEL, 200-699 (a 2xx "
          + "to INVITE is retransmitted until its ACK, RFC 6026 §8.1). Default: ${DEFAULT-VALUE}.")
  int status;

  @Option(names = "--max-requests", paramLabel = "N",
      description = "Stop after N requests were answered (and --linger has passed).")
  Long maxRequests;

  @Option(names = "--linger", paramLabel = "SECONDS", defaultValue = "0",
      description = "With --max-requests: keep answering retransmissions and absorbing ACKs "
          + "this long after the last answer. Default: ${DEFAULT-VALUE}.")
  double linger;

  @Option(names = "--capacity", paramLabel = "N", defaultValue = "100000",
      description = "The most transactions alive at once; beyond, 503 with Retry-After. "
          + "Default: ${DEFAULT-VALUE}.")
  int capacity;

  @Override
  public Integer call() throws Exception {
    if (status < 200 || status > 699) {
      throw new ParameterException(spec.commandLine(), "--status must be a final status, 200-699: "
          + status);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch done = new CountDownLatch(1);
    ResponderCore core = new ResponderCore(status, answered -> {
      if (maxRequests != null && answered == maxRequests) {
        done.countDown();
      }
    });
    TransactionLayer layer;
    try (EventLoop loop = new EventLoop("strata-responder")) {
      layer = TransactionLayer.create(loop, TimerConfig.defaults(), capacity, core,
          listener -> SocketTransport.create(TransportConfig.defaults(), loop, listener));
      core.attach(layer);
      try (SocketTransport transport = (SocketTransport) layer.transport()) {
        List<Endpoint> bound = new java.util.ArrayList<>();
        for (Endpoint point : listen) {
          try {
            bound.add(transport.listen(point.transport(), point.address()));
            // Known to the core before anyone can learn the port from the line below.
            core.listening(bound);
            out.println("listening on " + bound.getLast());
          } catch (IOException | RuntimeException e) {
            err.println("cannot listen on " + point + ": " + e.getMessage());
            return 1;
          }
        }
        out.flush();
        done.await();
        Thread.sleep(Duration.ofMillis(Math.round(linger * 1000)));
        CountDownLatch counted = new CountDownLatch(1);
        String[] counters = new String[1];
        loop.execute(() -> {
          counters[0] = counters(core, layer);
          counted.countDown();
        });
        counted.await(5, TimeUnit.SECONDS);
        out.println(counters[0]);
        out.flush();
      }
    }
    return 0;
  }

  /** One line, {@code name=value} pairs: what the tests and a reader check after a run. */
  static String counters(ResponderCore core, TransactionLayer layer) {
    return "answered=" + core.answered()
        + " retransmissions-absorbed=" + layer.retransmissionsAbsorbed()
        + " responses-retransmitted=" + layer.responsesRetransmitted()
        + " acks-absorbed=" + layer.acksAbsorbed()
        + " acks-for-2xx=" + core.acksFor2xx()
        + " no-ack-2xx=" + core.noAck()
        + " 2xx-retransmitted=" + core.copiesOf2xx()
        + " stray-acks=" + core.strayAcks()
        + " failures=" + core.failures()
        + " overload-503=" + layer.overloadRejections()
        + " live=" + layer.size();
  }
}

package org.sipstrata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.sipstrata.syntax.Host;
import org.sipstrata.syntax.NameAddress;
import org.sipstrata.syntax.RequestBuilder;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.Via;
import org.sipstrata.transaction.Failure;
import org.sipstrata.transaction.Reliability;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.TimerConfig;
import org.sipstrata.transaction.TransactionKey;
import org.sipstrata.transaction.TransactionLayer;
import org.sipstrata.transaction.TransactionLayer.ClientTransaction;
import org.sipstrata.transaction.TransactionLayer.ServerTransaction;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.EventLoop;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.SocketTransport;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import org.sipstrata.transport.TransportConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: the stack as it exists today (syntax, transport, transaction; no TU layer
 * yet), shown on real loopback sockets. Bob is the stateful responder core of {@code strata
 * responder} (486 to INVITE, 200 to OPTIONS); Alice is a second transaction layer whose TU is this
 * command. Alice sends OPTIONS through a non-INVITE client transaction, then INVITE through an
 * INVITE client transaction, which sends the ACK for the 486 itself; Bob's INVITE server
 * transaction absorbs it. Every message and every change of transaction state is printed, then the
 * command checks that what RFC 3261 says should happen did, and exits 1 if not.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job: two SIP parties on 127.0.0.1, over real sockets, through the",
      "syntax, transport and transaction layers (there is no TU layer yet).",
      "Alice sends OPTIONS (200 expected) and INVITE (486 Busy Here expected, ACKed",
      "by her INVITE client transaction, RFC 3261 §17.1.1.3) to the stateful",
      "responder of 'strata responder'. Prints every message and transaction state",
      "change with its transition-table row and RFC section, waits for the",
      "transactions to end (short timers, see --t1) and prints a summary.",
      "Exit status 0 when everything happened as the RFC says, 1 when not."
    })
final class DemoCommand implements Callable<Integer> {

  /** What Alice expects to her INVITE: what {@code strata responder} answers by default. */
  static final int EXPECTED_INVITE_STATUS = 486;

  @Spec CommandSpec spec;

  @Option(names = "--transport", paramLabel = "udp|tcp", defaultValue = "udp",
      description = "The transport both parties use. Default: ${DEFAULT-VALUE}.")
  String transport;

  @Option(names = "--quiet", description = "Print only the summary and the verdict.")
  boolean quiet;

  @Option(names = "--t1", paramLabel = "MS", defaultValue = "50",
      description = "T1 in milliseconds; T2 = 8*T1 and T4 = 10*T1 as in the RFC defaults "
          + "(500 ms, 4 s, 5 s). Default: ${DEFAULT-VALUE}.")
  long t1Millis;

  @Option(names = "--wait-for-timer-d",
      description = "Over UDP, also wait for Timer D of the INVITE client transaction (32 s, "
          + "RFC 6026 §8.4 sets it apart from T1).")
  boolean waitForTimerD;

  /** The seam that makes the demo fail on purpose: Bob answers INVITE with another status. */
  @Option(names = "--responder-status", paramLabel = "CODE", hidden = true,
      defaultValue = "" + EXPECTED_INVITE_STATUS)
  int responderStatus;

  /** Alice's TU: this command. Records what its client transactions pass up. */
  private static final class Alice implements TransactionLayer.TransactionUser {
    final List<SipResponse> responses = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<String> unexpected = new ArrayList<>();
    volatile CompletableFuture<SipResponse> finalResponse = new CompletableFuture<>();

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
      unexpected.add("a request reached Alice: " + DemoTrace.describe(request));
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
      responses.add(response);
      if (response.statusCode() >= 200) {
        finalResponse.complete(response);
      }
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {
      failures.add(DemoTrace.machine(key).title() + ": " + failure);
      finalResponse.completeExceptionally(new IllegalStateException(failure.toString()));
    }

    @Override
    public void onAck(IncomingMessage ack) {
      unexpected.add("an ACK reached Alice's TU: " + DemoTrace.describe(ack.message()));
    }
  }

  /** Bob's TU: the responder core, plus a count of what reached it that the layer should absorb. */
  private static final class Bob implements TransactionLayer.TransactionUser {
    final ResponderCore core;
    final List<String> failures = new ArrayList<>();
    int acks;

    Bob(ResponderCore core) {
      this.core = core;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
      core.onRequest(transaction, request);
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
      core.onResponse(transaction, response);
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {
      failures.add(DemoTrace.machine(key).title() + ": " + failure);
      core.onFailure(key, failure);
    }

    @Override
    public void onAck(IncomingMessage ack) {
      acks++;
      core.onAck(ack);
    }
  }

  @Override
  public Integer call() throws Exception {
    Transport over = switch (transport.toLowerCase(Locale.ROOT)) {
      case "udp" -> Transport.UDP;
      case "tcp" -> Transport.TCP;
      default -> throw new ParameterException(spec.commandLine(),
          "--transport must be udp or tcp: " + transport);
    };
    if (t1Millis < 1 || t1Millis > 500) {
      throw new ParameterException(spec.commandLine(), "--t1 must be 1-500 ms: " + t1Millis);
    }
    if (responderStatus < 200 || responderStatus > 699) {
      throw new ParameterException(spec.commandLine(),
          "--responder-status must be 200-699: " + responderStatus);
    }
    Duration t1 = Duration.ofMillis(t1Millis);
    TimerConfig timers = new TimerConfig(t1, t1.multipliedBy(8), t1.multipliedBy(10));
    Reliability reliability = over.isReliable() ? Reliability.RELIABLE : Reliability.UNRELIABLE;
    PrintWriter out = spec.commandLine().getOut();
    List<String> problems = new ArrayList<>();

    try (EventLoop loop = new EventLoop("strata-demo")) {
      DemoTrace trace = new DemoTrace(out, quiet, loop);
      DemoTrace.Party alicePart = new DemoTrace.Party("Alice", reliability);
      DemoTrace.Party bobPart = new DemoTrace.Party("Bob", reliability);
      Alice alice = new Alice();
      Bob bob = new Bob(new ResponderCore(responderStatus, answered -> { }));
      SocketTransport[] sockets = new SocketTransport[2];
      TransactionLayer bobLayer = TransactionLayer.create(trace.scheduler(bobPart, loop), timers,
          16, trace.user(bobPart, bob), listener -> trace.transport(bobPart,
              sockets[0] = SocketTransport.create(TransportConfig.defaults(), loop,
                  trace.listener(bobPart, listener))));
      bob.core.attach(bobLayer);
      TransactionLayer aliceLayer = TransactionLayer.create(trace.scheduler(alicePart, loop),
          timers, 16, trace.user(alicePart, alice), listener -> trace.transport(alicePart,
              sockets[1] = SocketTransport.create(TransportConfig.defaults(), loop,
                  trace.listener(alicePart, listener))));
      bobPart.layer = bobLayer;
      alicePart.layer = aliceLayer;
      try (SocketTransport bobSocket = sockets[0]; SocketTransport aliceSocket = sockets[1]) {
        TransportAddress loopback = new TransportAddress(InetAddress.getByName("127.0.0.1"), 0);
        Endpoint bobAt;
        Endpoint aliceAt;
        try {
          bobAt = bobSocket.listen(over, loopback);
          bob.core.listening(List.of(bobAt));
          aliceAt = aliceSocket.listen(over, loopback);
        } catch (IOException e) {
          spec.commandLine().getErr().println("demo: cannot listen on 127.0.0.1: "
              + e.getMessage());
          return 1;
        }
        trace.note("SIP Strata demo: the syntax, transport and transaction layers on real "
            + over.token() + " sockets (there is no TU layer yet: the demo is Alice's TU).");
        trace.note("  Bob   = the stateful responder of 'strata responder' on " + bobAt
            + " (INVITE -> " + responderStatus + ", OPTIONS -> 200)");
        trace.note("  Alice = a second transaction layer on " + aliceAt);
        trace.note("  Timers: T1 = " + t1.toMillis() + " ms, T2 = " + timers.t2().toMillis()
            + " ms, T4 = " + timers.t4().toMillis() + " ms (RFC 3261 defaults 500 ms, 4 s, 5 s;"
            + " shortened so that the demo ends in seconds)");
        trace.note("  Columns: time since start, party, layer, what happened ('>>' handed to the"
            + " transport, '<<' handed up by it).");

        // 1. OPTIONS through a non-INVITE client transaction.
        trace.note("");
        trace.note("1. OPTIONS through a non-INVITE client transaction (RFC 3261 §17.1.2, "
            + "Figure 6); Bob's non-INVITE server transaction (§17.2.2, Figure 8)");
        SipRequest options = request("OPTIONS", over, aliceAt, bobAt);
        Optional<SipResponse> optionsFinal = exchange(loop, trace, alicePart, alice, options, bobAt,
            timers, problems);
        optionsFinal.ifPresent(r -> {
          if (r.statusCode() != 200) {
            problems.add("expected 200 to OPTIONS (§11.2), got " + r.statusCode() + " "
                + r.reasonPhrase());
          }
        });

        // 2. INVITE through an INVITE client transaction; the 486 is ACKed by the transaction.
        trace.note("");
        trace.note("2. INVITE through an INVITE client transaction (RFC 3261 §17.1.1, Figure 5 as "
            + "RFC 6026 §8.4 has it); Bob's INVITE server transaction (§17.2.1, Figure 7)");
        SipRequest invite = request("INVITE", over, aliceAt, bobAt);
        Optional<SipResponse> inviteFinal = exchange(loop, trace, alicePart, alice, invite, bobAt,
            timers, problems);
        inviteFinal.ifPresent(r -> {
          if (r.statusCode() != EXPECTED_INVITE_STATUS) {
            problems.add("expected " + EXPECTED_INVITE_STATUS + " Busy Here to INVITE, got "
                + r.statusCode() + " " + r.reasonPhrase());
          }
        });

        // The ACK reaches Bob after Alice's TU has heard the final response: wait for it (Timer G
        // brings the response again over UDP if the ACK is lost, and Timer H ends the wait).
        awaitOnLoop(loop, timers.sixtyFourT1().plus(Duration.ofSeconds(1)),
            () -> bobLayer.acksAbsorbed() > 0 || !bob.failures.isEmpty());

        // 3. Let the timers run out.
        TransactionKey inviteClient = new TransactionKey.Client(
            invite.topViaBranch().orElseThrow(), "INVITE");
        boolean skipTimerD = !over.isReliable() && !waitForTimerD;
        trace.note("");
        trace.note("3. Waiting for every transaction to terminate (Timers J, K, I"
            + (skipTimerD ? "; not Timer D, see below" : ", D") + ")");
        Duration patience = timers.sixtyFourT1().plus(timers.t4()).plus(Duration.ofSeconds(3))
            .plus(skipTimerD ? Duration.ZERO : Duration.ofSeconds(32));
        boolean ended = awaitOnLoop(loop, patience, () -> {
          List<TransactionKey> left = new ArrayList<>(aliceLayer.keys());
          left.addAll(bobLayer.keys());
          if (skipTimerD) {
            left.remove(inviteClient);
          }
          return left.isEmpty();
        });
        String[] summary = onLoop(loop, () -> summarize(alicePart, bobPart, bob,
            inviteClient, skipTimerD, problems, alice, trace));
        if (!ended) {
          problems.add("transactions still alive after " + patience.toMillis() + " ms: Alice "
              + summary[1] + ", Bob " + summary[2]);
        }
        trace.note("");
        trace.always(summary[0]);
      }
    }
    if (problems.isEmpty()) {
      out.println("OK: everything happened as RFC 3261 (with RFC 6026) says.");
      out.flush();
      return 0;
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println("FAILED: " + problems.size() + " check(s) did not pass:");
    problems.forEach(p -> err.println("  - " + p));
    err.flush();
    return 1;
  }

  /** A request from Alice to Bob as a UAC builds one outside a dialog (§8.1.1). */
  private static SipRequest request(String method, Transport over, Endpoint alice, Endpoint bob) {
    String transportParam = ";transport=" + over.token().toLowerCase(Locale.ROOT);
    RequestBuilder builder = RequestBuilder.request(method)
        .to(NameAddress.parse("Bob <sip:bob@" + bob.address() + transportParam + ">")
            .toOptional().orElseThrow())
        .from(NameAddress.parse("Alice <sip:alice@127.0.0.1>").toOptional().orElseThrow())
        .via(Via.of(over.token(), Host.parse("127.0.0.1").toOptional().orElseThrow(),
            OptionalInt.of(alice.address().port())))
        .cseq(method.equals("INVITE") ? 2 : 1);
    if (method.equals("INVITE")) {
      builder.contact(NameAddress.of(SipUri.parse("sip:alice@" + alice.address() + transportParam)
          .toOptional().orElseThrow()));
    }
    return builder.build();
  }

  /** Starts a client transaction on the loop and waits for its final response (or failure). */
  private static Optional<SipResponse> exchange(EventLoop loop, DemoTrace trace,
      DemoTrace.Party alicePart, Alice alice, SipRequest request, Endpoint bob,
      TimerConfig timers, List<String> problems) throws InterruptedException {
    alice.finalResponse = new CompletableFuture<>();
    Optional<ClientTransaction> started;
    try {
      started = onLoop(loop, () -> trace.start(alicePart, request, bob));
    } catch (ExecutionException e) {
      problems.add("the client transaction for " + request.method() + " did not start: " + e);
      return Optional.empty();
    }
    if (started.isEmpty()) {
      problems.add("Alice's layer refused to start a client transaction for " + request.method());
      return Optional.empty();
    }
    // Timer B / F (64*T1) end the transaction before this if no final response comes.
    Duration patience = timers.sixtyFourT1().plus(Duration.ofSeconds(5));
    try {
      return Optional.of(alice.finalResponse.get(patience.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      problems.add("no final response to " + request.method() + ": the client transaction "
          + "reported " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      problems.add("no final response to " + request.method() + " within " + patience.toMillis()
          + " ms, and no timeout from the client transaction either");
    }
    return Optional.empty();
  }

  /**
   * The summary: what each transaction went through, and the checks of the whole run; [0] the
   * text, [1] and [2] Alice's and Bob's live keys. Runs on the loop.
   */
  private static String[] summarize(DemoTrace.Party alicePart, DemoTrace.Party bobPart, Bob bob,
      TransactionKey inviteClient, boolean skipTimerD, List<String> problems,
      Alice alice, DemoTrace trace) {
    trace.look(alicePart);
    trace.look(bobPart);
    trace.finish();
    StringBuilder text = new StringBuilder("Summary\n");
    for (DemoTrace.Party party : List.of(alicePart, bobPart)) {
      party.history.forEach((key, states) -> {
        text.append(String.format(Locale.ROOT, "  %-5s  %-30s (start) -> %s%n", party.name,
            DemoTrace.machine(key).title(),
            String.join(" -> ", states.stream().map(State::label).toList())));
      });
    }
    text.append("  Alice's TU got: ").append(String.join(", ", alice.responses.stream()
        .map(r -> r.statusCode() + " " + r.reasonPhrase() + " (" + r.cseq().map(c -> c.method())
            .orElse("?") + ")").toList())).append('\n');
    long acksAbsorbed = bobPart.layer.acksAbsorbed();
    text.append("  Bob's layer: ").append(ResponderCommand.counters(bob.core, bobPart.layer))
        .append('\n');

    // The checks: each is something RFC 3261 says happens in this exchange.
    List<State> inviteStates = alicePart.history.getOrDefault(inviteClient, List.of());
    if (!inviteStates.contains(State.COMPLETED)) {
      problems.add("Alice's INVITE client transaction never reached Completed (§17.1.1.2): "
          + String.join(" -> ", inviteStates.stream().map(State::label).toList()));
    }
    if (alicePart.acksByTransaction() < 1) {
      problems.add("Alice's INVITE client transaction sent no ACK for the final response "
          + "(§17.1.1.3)");
    }
    if (acksAbsorbed < 1) {
      problems.add("Bob's INVITE server transaction absorbed no ACK (§17.2.1)");
    }
    if (bob.acks > 0) {
      problems.add("an ACK for the non-2xx reached Bob's TU instead of his INVITE server "
          + "transaction (§17.2.1)");
    }
    if (!bob.failures.isEmpty() || !alice.failures.isEmpty()) {
      problems.add("transactions reported failures: Alice " + alice.failures + ", Bob "
          + bob.failures);
    }
    problems.addAll(alice.unexpected);
    problems.addAll(trace.transportErrors());
    String aliceLeft = alicePart.layer.keys().toString();
    String bobLeft = bobPart.layer.keys().toString();
    if (skipTimerD && alicePart.layer.state(inviteClient).isPresent()) {
      text.append("  Alice's INVITE client transaction is still in ")
          .append(alicePart.layer.state(inviteClient).get().label())
          .append(": over UDP Timer D is at least 32 s whatever T1 is (RFC 6026 §8.4), so that\n")
          .append("  late copies of the final response are still absorbed and ACKed. The demo ")
          .append("does not wait for it (--wait-for-timer-d does).\n");
    }
    text.append("  Live transactions at the end: Alice ").append(alicePart.layer.size())
        .append(", Bob ").append(bobPart.layer.size());
    return new String[] {text.toString(), aliceLeft, bobLeft};
  }

  /** Runs {@code work} on the loop thread and waits for its result. */
  private static <T> T onLoop(EventLoop loop, Supplier<T> work)
      throws InterruptedException, ExecutionException {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new ExecutionException("the event loop did not answer in 10 s", e);
    }
  }

  /** Polls {@code done} on the loop every 20 ms until it holds or {@code patience} passes. */
  private static boolean awaitOnLoop(EventLoop loop, Duration patience, Supplier<Boolean> done)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (onLoop(loop, done)) {
        return true;
      }
      Thread.sleep(20);
    }
    return onLoop(loop, done);
  }
}

package org.sipstrata.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.HeaderFields;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transport.Cancellable;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.Scheduler;
import org.sipstrata.transport.SipTransport;
import org.sipstrata.transport.TransportError;
import org.sipstrata.transport.TransportListener;
import org.sipstrata.transport.ViaRules;

/**
 * The driver: a bounded table of live transactions, keyed by {@link TransactionKey}, fed by the
 * transport ({@link TransportListener}) and the TU, executing each {@link Step}'s effects against
 * a {@link SipTransport} and a {@link Scheduler}. All its methods run on the scheduler's thread
 * (DESIGN.md "Threading"); the TU calls {@link #sendRequest} and {@link ServerTransaction#respond}
 * from that thread too.
 *
 * <p>Every request that matches no transaction creates a server transaction (the TU is a
 * transaction-stateful core), except an ACK, which goes to the TU as it is (the ACK for a 2xx
 * is not part of any transaction). A response that matches no client transaction is dropped.
 * When the table holds {@code capacity} transactions, a new request is answered statelessly with
 * 503 and Retry-After, and {@link #sendRequest} refuses to start a client transaction.
 */
public final class TransactionLayer implements TransportListener {

  /** The transaction user: the core above the layer. */
  public interface TransactionUser {
    /** A request from a server transaction: the one that created it, or an ACK in "Accepted". */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /** A response a client transaction passes up. */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** A transaction reports a timeout, a transport failure or a missing ACK. */
    void onFailure(TransactionKey key, Failure failure);

    /** An ACK that matches no transaction (the ACK for a 2xx, §17). */
    void onAck(IncomingMessage ack);

    /**
     * A response that matches no client transaction. Every element but a stateless proxy
     * discards it (the default); a stateless proxy forwards it with {@link
     * TransactionLayer#forwardStateless(SipResponse, Endpoint)}.
     */
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
    //# Otherwise, any element other than a stateless
    //# proxy MUST silently discard the response.
    default void onStrayResponse(IncomingMessage response) {}
  }

  /** Handle of a client transaction for the TU. */
  public record ClientTransaction(TransactionKey key, SipRequest request) {}

  /** Handle of a server transaction: the TU answers through it. */
  public static final class ServerTransaction {
    private final TransactionLayer layer;
    private final TransactionKey key;
    private final SipRequest request;
    private final IncomingMessage incoming;

    private ServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request,
        IncomingMessage incoming) {
      this.layer = layer;
      this.key = key;
      this.request = request;
      this.incoming = incoming;
    }

    /** The key the transaction is filed under. */
    public TransactionKey key() {
      return key;
    }

    /** The request that created the transaction. */
    public SipRequest request() {
      return request;
    }

    /** Passes a response to the transaction (ignored once it has terminated). */
    public void respond(SipResponse response) {
      layer.deliver(key, new Event.ResponseFromTu(response));
    }
  }

  /** A live transaction: the value, where it talks to, its running timers. */
  private static final class Live {
    Transaction transaction;
    final Optional<Endpoint> destination;
    final Optional<IncomingMessage> incoming;
    final Object handle;
    final Map<TimerName, Cancellable> timers = new EnumMap<>(TimerName.class);

    Live(Transaction transaction, Optional<Endpoint> destination, Optional<IncomingMessage> incoming,
        Object handle) {
      this.transaction = transaction;
      this.destination = destination;
      this.incoming = incoming;
      this.handle = handle;
    }
  }

  /** Seconds a client is asked to wait when the table is full. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final Scheduler scheduler;
  private final TimerConfig config;
  private final int capacity;
  private final TransactionUser tu;
  private final SipTransport transport;
  private final Map<TransactionKey, Live> live = new LinkedHashMap<>();
  private long overloadRejections;
  private long retransmissionsAbsorbed;
  private long acksAbsorbed;
  private long responsesRetransmitted;

  private TransactionLayer(Scheduler scheduler, TimerConfig config, int capacity,
      TransactionUser tu, Function<TransportListener, SipTransport> transport) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.scheduler = Objects.requireNonNull(scheduler);
    this.config = Objects.requireNonNull(config);
    this.capacity = capacity;
    this.tu = Objects.requireNonNull(tu);
    this.transport = Objects.requireNonNull(transport.apply(this));
  }

  /**
   * A layer over the transport that {@code transport} opens with this layer as its listener.
   *
   * @param capacity the most transactions alive at once
   */
  public static TransactionLayer create(Scheduler scheduler, TimerConfig config, int capacity,
      TransactionUser tu, Function<TransportListener, SipTransport> transport) {
    return new TransactionLayer(scheduler, config, capacity, tu, transport);
  }

  /** The transport under this layer. */
  public SipTransport transport() {
    return transport;
  }

  /** How many transactions are alive. */
  public int size() {
    return live.size();
  }

  /** The keys of the live transactions, oldest first (for diagnostics). */
  public List<TransactionKey> keys() {
    return List.copyOf(live.keySet());
  }

  /** The state of a live transaction, empty once it has terminated. */
  public Optional<State> state(TransactionKey key) {
    return Optional.ofNullable(live.get(key)).map(l -> l.transaction.state());
  }

  /**
   * The live server transaction under {@code key}, e.g. the INVITE a CANCEL cancels ({@link
   * Matching#cancelledKey}); empty if there is none or it is a client transaction.
   */
  public Optional<ServerTransaction> serverTransaction(TransactionKey key) {
    return Optional.ofNullable(live.get(key))
        .filter(l -> l.handle instanceof ServerTransaction)
        .map(l -> (ServerTransaction) l.handle);
  }

  /** How many requests were answered with 503 because the table was full. */
  public long overloadRejections() {
    return overloadRejections;
  }

  /**
   * How many requests matched a live server transaction and were absorbed by it (answered with
   * its last response or discarded, §17.2.1, §17.2.2), not counting ACKs.
   */
  public long retransmissionsAbsorbed() {
    return retransmissionsAbsorbed;
  }

  /** How many ACKs matched an INVITE server transaction (the ACK for a non-2xx, or in Accepted). */
  public long acksAbsorbed() {
    return acksAbsorbed;
  }

  /**
   * How many times a server transaction passed its last response to the transport again: for a
   * retransmitted request (§17.2.1, §17.2.2) or when Timer G fired (§17.2.1).
   */
  public long responsesRetransmitted() {
    return responsesRetransmitted;
  }

  /**
   * Starts a client transaction for {@code request} (not ACK: the TU sends an ACK for a 2xx with
   * {@link SipTransport#sendRequest} itself). Empty when the table is full, the request is an ACK,
   * has no branch, or a transaction with its key is alive.
   */
  public Optional<ClientTransaction> sendRequest(SipRequest request, Endpoint destination) {
    Optional<Machine> machine = Machine.clientFor(request);
    Optional<TransactionKey> key = Matching.clientKey(request).toOptional();
    if (machine.isEmpty() || key.isEmpty() || live.containsKey(key.get())
        || live.size() >= capacity) {
      return Optional.empty();
    }
    Reliability reliability = destination.transport().isReliable()
        ? Reliability.RELIABLE : Reliability.UNRELIABLE;
    Step step = Transaction.start(machine.get(), request, reliability, config);
    ClientTransaction handle = new ClientTransaction(key.get(), request);
    Live entry = new Live(step.transaction(), Optional.of(destination), Optional.empty(), handle);
    live.put(key.get(), entry);
    execute(key.get(), entry, step);
    return Optional.of(handle);
  }

  /**
   * Destroys a client transaction on the TU's word, without any effect on the network: the UAC
   * core does this to an INVITE that stays unanswered after its CANCEL.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-9.1
  //# If there is no
  //# final response for the original request in 64*T1 seconds (T1 is
  //# defined in Section 17.1.1.1), the client SHOULD then consider the
  //# original transaction cancelled and SHOULD destroy the client
  //# transaction handling the original request.
  public boolean destroy(ClientTransaction transaction) {
    Live entry = live.get(transaction.key());
    if (entry == null || entry.handle != transaction) {
      return false;
    }
    for (TimerName timer : new ArrayList<>(entry.timers.keySet())) {
      cancel(entry, timer);
    }
    live.remove(transaction.key());
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // The stateless path: what RFC 3261 leaves to the TU, sent around the transactions.
  // ---------------------------------------------------------------------------------------

  /** The 2xx retransmissions of one INVITE, started by {@link #retransmit2xx}. */
  public static final class Retransmission {
    private boolean stopped;
    private int sent;
    private Cancellable next;

    private Retransmission() {}

    /** Stops the retransmissions: the UAS core calls this when the ACK for the 2xx arrives. */
    public void stop() {
      stopped = true;
      if (next != null) {
        next.cancel();
      }
    }

    /** Whether the retransmissions have stopped (ACK received, or 64*T1 elapsed). */
    public boolean stopped() {
      return stopped;
    }

    /** How many retransmissions were passed to the transport so far (the first send not counted). */
    public int sent() {
      return sent;
    }
  }

  /**
   * Retransmits a 2xx to an INVITE as the UAS core must, outside any transaction: the INVITE server
   * transaction has passed the first copy to the transport ({@link ServerTransaction#respond}) and
   * sits in "Accepted" (RFC 6026), absorbing retransmitted INVITEs without answering them. The
   * copies go at T1, 2*T1, 4*T1 ... capped at T2 apart, over any transport, until {@link
   * Retransmission#stop} or until 64*T1 have passed, when {@code noAck} runs (the UAS core then
   * ends the session with a BYE). RFC 6026 §8.1 replaced the paragraph of §13.3.1.4 that says so.
   */
  //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
  //# In order to ensure reliable end-to-end
  //# transport of the response, it is necessary to periodically pass
  //# the response directly to the transport until the ACK arrives.  The
  //# 2xx response is passed to the transport with an interval that
  //# starts at T1 seconds and doubles for each retransmission until it
  //# reaches T2 seconds (T1 and T2 are defined in Section 17).
  //# Response retransmissions cease when an ACK request for the
  //# response is received.  This is independent of whatever transport
  //# protocols are used to send the response.
  public Retransmission retransmit2xx(ServerTransaction invite, SipResponse response,
      Runnable noAck) {
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new IllegalArgumentException("only a 2xx is retransmitted by the core: "
          + response.statusCode());
    }
    if (!invite.request.method().equals("INVITE")) {
      throw new IllegalArgumentException("only a 2xx to an INVITE is retransmitted by the core");
    }
    Retransmission retransmission = new Retransmission();
    scheduleRetransmission(retransmission, response, invite.incoming, noAck, config.t1(),
        Duration.ZERO);
    return retransmission;
  }

  private void scheduleRetransmission(Retransmission r, SipResponse response, IncomingMessage invite,
      Runnable noAck, Duration interval, Duration elapsed) {
    Duration at = elapsed.plus(interval);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.4
    //# If the server retransmits the 2xx response for 64*T1 seconds without
    //# receiving an ACK, the dialog is confirmed, but the session SHOULD be
    //# terminated.
    if (at.compareTo(config.sixtyFourT1()) > 0) {
      r.next = scheduler.schedule(config.sixtyFourT1().minus(elapsed), () -> {
        if (!r.stopped) {
          r.stopped = true;
          noAck.run();
        }
      });
      return;
    }
    r.next = scheduler.schedule(interval, () -> {
      if (r.stopped) {
        return;
      }
      transport.sendResponse(response, invite);
      r.sent++;
      Duration doubled = interval.multipliedBy(2);
      scheduleRetransmission(r, response, invite, noAck,
          doubled.compareTo(config.t2()) > 0 ? config.t2() : doubled, at);
    });
  }

  /**
   * Sends the ACK for a 2xx straight to the transport: it belongs to no transaction, and the UAC
   * core sends it again for each retransmission of the 2xx. False (nothing sent) for a request
   * that is not an ACK.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-13.2.2.4
  //# However, the
  //# request is passed to the transport layer directly for transmission,
  //# rather than a client transaction.  This is because the UAC core
  //# handles retransmissions of the ACK, not the transaction layer.
  public boolean sendAckFor2xx(SipRequest ack, Endpoint destination) {
    if (!ack.method().equals("ACK")) {
      return false;
    }
    transport.sendRequest(ack, destination);
    return true;
  }

  /**
   * Forwards a request statelessly, as a stateless proxy does after §16.4-16.6 (the caller has
   * added its own Via with a branch computed from invariant message parameters): the message goes
   * to the transport as it is, no transaction is created and no provisional response is sent.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //# Instead, the stateless proxy takes messages, both requests and
  //# responses, directly from the transport layer (See section 18).  As a
  //# result, stateless proxies do not retransmit messages on their own.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //# Furthermore, when handling a request statelessly,
  //# an element MUST NOT generate its own 100 (Trying) or any other
  //# provisional response.
  public void forwardStateless(SipRequest request, Endpoint destination) {
    transport.send(request, destination);
  }

  /**
   * Forwards a response statelessly: when its top Via is one this transport inserted, that value is
   * removed and the rest sent to {@code next} (the location of the next Via, which the caller
   * resolves by §18.2.2); otherwise it is discarded. True when forwarded; false when the top Via
   * is not ours, or is the only one (the response is for this element, not to be forwarded).
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //# When a response arrives at a stateless
  //# proxy, the proxy MUST inspect the sent-by value in the first
  //# (topmost) Via header field value.  If that address matches the proxy,
  //# (it equals a value this proxy has inserted into previous requests)
  //# the proxy MUST remove that header field value from the response and
  //# forward the result to the location indicated in the next Via header
  //# field value.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //# If the address does not match the
  //# proxy, the message MUST be silently discarded.
  public boolean forwardStateless(SipResponse response, Endpoint next) {
    if (!ViaRules.isSentByOurs(response, transport.sentByValues())) {
      return false;
    }
    List<HeaderField> rows = new ArrayList<>(response.headers().separated("Via").all());
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).canonicalName().equals("Via")) {
        rows.remove(i);
        break;
      }
    }
    if (rows.stream().noneMatch(r -> r.canonicalName().equals("Via"))) {
      return false;
    }
    transport.send(response.withHeaders(HeaderFields.of(rows)), next);
    return true;
  }

  @Override
  public void onMessage(IncomingMessage message) {
    switch (message.message()) {
      case SipResponse response -> onResponse(response, message);
      case SipRequest request -> onRequest(request, message);
    }
  }

  private void onResponse(SipResponse response, IncomingMessage message) {
    Optional<TransactionKey> key = Matching.clientKey(response).toOptional();
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
    //# If there is a match, the response MUST be passed to
    //# that transaction.  Otherwise, any element other than a stateless
    //# proxy MUST silently discard the response.
    if (key.isPresent() && live.containsKey(key.get())) {
      deliver(key.get(), new Event.ResponseFromTransport(response));
    } else {
      tu.onStrayResponse(message);
    }
  }

  private void onRequest(SipRequest request, IncomingMessage message) {
    Optional<TransactionKey> key = Matching.serverKey(request).toOptional();
    if (key.isEmpty()) {
      return;
    }
    Live existing = live.get(key.get());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //# When receiving an ACK that matches an existing INVITE server
    //# transaction and that does not contain a branch parameter containing
    //# the magic cookie defined in RFC 3261, the matching transaction MUST
    //# be checked to see if it is in the "Accepted" state.
    if (existing != null && sameTransaction(existing, request)) {
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.10
      //# If a matching server transaction is found, the
      //# request is passed to that transaction for processing.
      if (request.method().equals("ACK")) {
        acksAbsorbed++;
      } else {
        retransmissionsAbsorbed++;
      }
      deliver(key.get(), new Event.RequestFromTransport(request));
      return;
    }
    if (request.method().equals("ACK")) {
      tu.onAck(message);
      return;
    }
    if (existing != null) {
      retransmissionsAbsorbed++;
      return;
    }
    if (live.size() >= capacity) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-21.5.4
      //# The server is temporarily unable to process the request due to a
      //# temporary overloading or maintenance of the server.  The server MAY
      //# indicate when the client should retry the request in a Retry-After
      //# header field.
      SipResponse busy = Responses.response(request, 503);
      busy = busy.withHeaders(
          busy.headers().with(HeaderField.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))));
      overloadRejections++;
      transport.sendResponse(busy, message);
      return;
    }
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.10
    //# If no match
    //# is found, the request is passed to the core, which may decide to
    //# construct a new server transaction for that request.
    Machine machine = Machine.serverFor(request).orElseThrow();
    Reliability reliability = message.transport().isReliable()
        ? Reliability.RELIABLE : Reliability.UNRELIABLE;
    Step step = Transaction.start(machine, request, reliability, config);
    ServerTransaction handle = new ServerTransaction(this, key.get(), request, message);
    Live entry = new Live(step.transaction(), Optional.empty(), Optional.of(message), handle);
    live.put(key.get(), entry);
    execute(key.get(), entry, step);
  }

  /** RFC 2543 keys leave out the To tag; the full rule decides (§17.2.3). */
  private static boolean sameTransaction(Live existing, SipRequest request) {
    TransactionKey key = Matching.serverKey(request).toOptional().orElseThrow();
    return !(key instanceof TransactionKey.Rfc2543)
        || Matching.sameRfc2543Transaction(existing.transaction.request(),
            existing.transaction.lastResponse(), request);
  }

  @Override
  public void onError(TransportError error) {
    if (error.kind() != TransportError.Kind.SEND_FAILED
        && error.kind() != TransportError.Kind.CONNECT_FAILED) {
      return;
    }
    Optional<SipMessage> failed = error.message();
    if (failed.isEmpty()) {
      return;
    }
    Event event = new Event.TransportError(error.detail());
    if (failed.get() instanceof SipRequest request) {
      TransactionKey key = Matching.clientKey(request).toOptional()
          .map(k -> k instanceof TransactionKey.Client c && c.method().equals("ACK")
              ? new TransactionKey.Client(c.branch(), "INVITE") : k)
          .orElse(null);
      if (key != null && live.containsKey(key)) {
        deliver(key, event);
      }
    } else if (failed.get() instanceof SipResponse response) {
      for (Map.Entry<TransactionKey, Live> e : List.copyOf(live.entrySet())) {
        if (e.getValue().transaction.lastResponse().filter(response::equals).isPresent()) {
          deliver(e.getKey(), event);
          return;
        }
      }
    }
  }

  private void deliver(TransactionKey key, Event event) {
    Live entry = live.get(key);
    if (entry == null) {
      return;
    }
    Step step = entry.transaction.on(event);
    entry.transaction = step.transaction();
    execute(key, entry, step);
  }

  /**
   * Executes a step's effects in order, except that the TU hears last: a TU that answers at once
   * (from inside {@code onRequest}) cannot make its response overtake the step's own sends.
   */
  private void execute(TransactionKey key, Live entry, Step step) {
    List<Effect> forTu = new ArrayList<>();
    boolean resend = step.row().filter(
        row -> row.actions().stream().anyMatch(a -> a instanceof Action.ResendResponse)).isPresent();
    for (Effect effect : step.effects()) {
      if (resend && effect instanceof Effect.SendResponse) {
        responsesRetransmitted++;
      }
      switch (effect) {
        //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
        //# The ACK MUST be sent to the
        //# same address, port, and transport to which the original request
        //# was sent.
        case Effect.SendRequest send ->
            transport.sendRequest(send.request(), entry.destination.orElseThrow());
        case Effect.SendResponse send ->
            transport.sendResponse(send.response(), entry.incoming.orElseThrow());
        case Effect.PassToTu pass -> forTu.add(pass);
        case Effect.InformTu inform -> forTu.add(inform);
        case Effect.StartTimer start -> {
          cancel(entry, start.timer());
          entry.timers.put(start.timer(), scheduler.schedule(start.after(),
              () -> fire(key, entry, start.timer())));
        }
        case Effect.StopTimer stop -> cancel(entry, stop.timer());
        //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
        //# The client transaction MUST be destroyed the instant it enters the
        //# "Terminated" state.
        //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
        //# The server transaction MUST be destroyed the instant it enters the
        //# "Terminated" state.
        //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
        //# Once the transaction is in the terminated state, it MUST be destroyed
        //# immediately.
        //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
        //# Once the transaction is in the "Terminated" state, it MUST be
        //# destroyed immediately.
        //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
        //# Once the
        //# transaction is in the "Terminated" state, it MUST be destroyed
        //# immediately.
        //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
        //# Once the
        //# transaction is in the "Terminated" state, it MUST be destroyed
        //# immediately.
        case Effect.Terminate terminate -> {
          for (TimerName timer : new ArrayList<>(entry.timers.keySet())) {
            cancel(entry, timer);
          }
          live.remove(key, entry);
        }
      }
    }
    for (Effect effect : forTu) {
      switch (effect) {
        case Effect.PassToTu pass -> {
          switch (pass.message()) {
            case SipResponse r -> tu.onResponse((ClientTransaction) entry.handle, r);
            case SipRequest r -> tu.onRequest((ServerTransaction) entry.handle, r);
          }
        }
        case Effect.InformTu inform -> tu.onFailure(key, inform.failure());
        default -> { }
      }
    }
  }

  private void fire(TransactionKey key, Live entry, TimerName timer) {
    if (live.get(key) != entry) {
      return;
    }
    entry.timers.remove(timer);
    deliver(key, new Event.TimerFired(timer));
  }

  private static void cancel(Live entry, TimerName timer) {
    Cancellable running = entry.timers.remove(timer);
    if (running != null) {
      running.cancel();
    }
  }
}

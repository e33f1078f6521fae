package org.sipstrata.transaction;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.sipstrata.syntax.HeaderField;
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
  }

  /** Handle of a client transaction for the TU. */
  public record ClientTransaction(TransactionKey key, SipRequest request) {}

  /** Handle of a server transaction: the TU answers through it. */
  public static final class ServerTransaction {
    private final TransactionLayer layer;
    private final TransactionKey key;
    private final SipRequest request;

    private ServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request) {
      this.layer = layer;
      this.key = key;
      this.request = request;
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

  @Override
  public void onMessage(IncomingMessage message) {
    switch (message.message()) {
      case SipResponse response -> onResponse(response);
      case SipRequest request -> onRequest(request, message);
    }
  }

  private void onResponse(SipResponse response) {
    Optional<TransactionKey> key = Matching.clientKey(response).toOptional();
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
    //# If there is a match, the response MUST be passed to
    //# that transaction.  Otherwise, any element other than a stateless
    //# proxy MUST silently discard the response.
    if (key.isPresent() && live.containsKey(key.get())) {
      deliver(key.get(), new Event.ResponseFromTransport(response));
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
      deliver(key.get(), new Event.RequestFromTransport(request));
      return;
    }
    if (request.method().equals("ACK")) {
      tu.onAck(message);
      return;
    }
    if (existing != null) {
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
    ServerTransaction handle = new ServerTransaction(this, key.get(), request);
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
    for (Effect effect : step.effects()) {
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

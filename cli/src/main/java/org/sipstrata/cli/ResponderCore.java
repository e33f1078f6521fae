package org.sipstrata.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transaction.Failure;
import org.sipstrata.transaction.Matching;
import org.sipstrata.transaction.TransactionKey;
import org.sipstrata.transaction.TransactionLayer;
import org.sipstrata.transaction.TransactionLayer.ClientTransaction;
import org.sipstrata.transaction.TransactionLayer.ServerTransaction;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.Transport;

/**
 * The transaction user of {@code strata responder}: a UAS core that answers every request through
 * its server transaction with one fixed final status, OPTIONS with 200 and CANCEL by §9.2.
 * Retransmitted requests and the ACKs for its non-2xx responses are absorbed by the transactions
 * below it (RFC 3261 §17.2.1, §17.2.2). A 2xx to an INVITE is the core's own business (RFC 6026):
 * it carries a Contact, and the core retransmits it through the layer's stateless path until the
 * ACK arrives; no further dialog state is kept (a BYE gets the same fixed status).
 */
final class ResponderCore implements TransactionLayer.TransactionUser {

  private final int status;
  private final LongConsumer onAnswered;
  private TransactionLayer layer;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong strayAcks = new AtomicLong();
  private final AtomicLong acksFor2xx = new AtomicLong();
  private final AtomicLong noAck = new AtomicLong();
  private final AtomicLong copiesOf2xx = new AtomicLong();
  private final Map<String, TransactionLayer.Retransmission> awaitingAck = new HashMap<>();
  private volatile List<Endpoint> listening = List.of();

  /**
   * @param status the final status for every request but OPTIONS and CANCEL (200-699)
   * @param onAnswered told the running count after each final response the core gives
   */
  ResponderCore(int status, LongConsumer onAnswered) {
    if (status < 200 || status > 699) {
      throw new IllegalArgumentException("status must be 200-699: " + status);
    }
    this.status = status;
    this.onAnswered = onAnswered;
  }

  /** The layer the core answers through (set once, before the first request). */
  void attach(TransactionLayer layer) {
    this.layer = layer;
  }

  /** The points the transport listens on: the Contact of a 2xx names one of them. */
  void listening(List<Endpoint> points) {
    this.listening = List.copyOf(points);
  }

  @Override
  public void onRequest(ServerTransaction transaction, SipRequest request) {
    SipResponse response = answer(request);
    transaction.respond(response);
    if (request.method().equals("INVITE") && response.statusCode() / 100 == 2) {
      String dialog = ackKey(request);
      TransactionLayer.Retransmission[] copies = new TransactionLayer.Retransmission[1];
      copies[0] = layer.retransmit2xx(transaction, response, () -> {
        awaitingAck.remove(dialog, copies[0]);
        copiesOf2xx.addAndGet(copies[0].sent());
        noAck.incrementAndGet();
      });
      TransactionLayer.Retransmission previous = awaitingAck.put(dialog, copies[0]);
      if (previous != null) {
        previous.stop();
      }
    }
    onAnswered.accept(answered.incrementAndGet());
  }

  /** Call-ID and CSeq number: what an ACK for a 2xx shares with its INVITE (§13.2.2.4). */
  private static String ackKey(SipRequest request) {
    return request.callId().orElse("") + " "
        + request.cseq().map(c -> Long.toString(c.sequenceNumber())).orElse("");
  }

  private SipResponse answer(SipRequest request) {
    switch (request.method()) {
      case "OPTIONS" -> {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-11.2
        //# Allow, Accept, Accept-Encoding, Accept-Language, and Supported header
        //# fields SHOULD be present in a 200 (OK) response to an OPTIONS
        //# request.
        SipResponse ok = Responses.response(request, 200);
        return ok.withHeaders(ok.headers()
            .with(HeaderField.of("Allow", "INVITE, ACK, CANCEL, OPTIONS, BYE, REGISTER"))
            .with(HeaderField.of("Accept", ""))
            .with(HeaderField.of("Supported", "")));
      }
      case "CANCEL" -> {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
        //# If the UAS did not find a matching transaction for the CANCEL
        //# according to the procedure above, it SHOULD respond to the CANCEL
        //# with a 481 (Call Leg/Transaction Does Not Exist).
        boolean found = Matching.cancelledKey(request, "INVITE").toOptional()
            .flatMap(layer::serverTransaction).isPresent();
        //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
        //# Regardless of the method of the original request, as long as the
        //# CANCEL matched an existing transaction, the UAS answers the CANCEL
        //# request itself with a 200 (OK) response.
        return Responses.response(request, found ? 200 : 481);
      }
      default -> {
        SipResponse response = Responses.response(request, status);
        if (request.method().equals("INVITE") && status / 100 == 2) {
          return establishingDialog(request, response);
        }
        return response;
      }
    }
  }

  /** A 2xx to an INVITE: Record-Route copied, a Contact on the transport the request came over. */
  private SipResponse establishingDialog(SipRequest request, SipResponse response) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-12.1.1
    //# When a UAS responds to a request with a response that establishes a
    //# dialog (such as a 2xx to INVITE), the UAS MUST copy all Record-Route
    //# header field values from the request into the response (including the
    //# URIs, URI parameters, and any Record-Route header field parameters,
    //# whether they are known or unknown to the UAS) and MUST maintain the
    //# order of those values.
    var headers = response.headers();
    for (HeaderField row : request.headers().all("Record-Route")) {
      headers = headers.with(row);
    }
    Optional<Transport> over = request.via().toOptional().filter(v -> !v.isEmpty())
        .flatMap(v -> Transport.fromToken(v.getFirst().transport()));
    Endpoint contact = listening.stream().filter(p -> over.isEmpty() || p.transport() == over.get())
        .findFirst().orElse(listening.getFirst());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-12.1.1
    //# The UAS MUST add a Contact header field to
    //# the response.
    headers = headers.with(HeaderField.of("Contact", "<sip:strata@" + contact.address()
        + ";transport=" + contact.transport().token().toLowerCase(java.util.Locale.ROOT) + ">"));
    return response.withHeaders(headers);
  }

  @Override
  public void onResponse(ClientTransaction transaction, SipResponse response) {
    // The responder starts no client transactions.
  }

  @Override
  public void onFailure(TransactionKey key, Failure failure) {
    failures.incrementAndGet();
  }

  @Override
  public void onAck(IncomingMessage ack) {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
    //# Response retransmissions cease when an ACK request for the
    //# response is received.
    TransactionLayer.Retransmission retransmission =
        awaitingAck.remove(ackKey((SipRequest) ack.message()));
    if (retransmission != null) {
      retransmission.stop();
      copiesOf2xx.addAndGet(retransmission.sent());
      acksFor2xx.incrementAndGet();
    } else {
      // Neither for a pending 2xx nor for a live transaction: a late copy, dropped.
      strayAcks.incrementAndGet();
    }
  }

  long acksFor2xx() {
    return acksFor2xx.get();
  }

  long noAck() {
    return noAck.get();
  }

  /** Copies of 2xx responses the core passed to the transport again, for the finished ones. */
  long copiesOf2xx() {
    return copiesOf2xx.get();
  }

  long answered() {
    return answered.get();
  }

  long failures() {
    return failures.get();
  }

  long strayAcks() {
    return strayAcks.get();
  }
}

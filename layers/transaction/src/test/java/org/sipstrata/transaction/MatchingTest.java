package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** §17.1.3, §17.2.3 and §9.2 as functions from messages to keys. */
class MatchingTest {

  static final SipRequest INVITE = Messages.invite();

  static TransactionKey key(Matching.Result result) {
    return result.toOptional().orElseThrow(() -> new AssertionError("no key: " + result));
  }

  @Test
  @DisplayName("a response matches the client transaction by top Via branch and CSeq method")
  void clientMatching() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
    //= type=test
    //# If the response has the same value of the branch parameter in
    //# the top Via header field as the branch parameter in the top
    //# Via header field of the request that created the transaction.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
    //= type=test
    //# If the method parameter in the CSeq header field matches the
    //# method of the request that created the transaction.  The
    //# method is needed since a CANCEL request constitutes a
    //# different transaction, but shares the same value of the branch
    //# parameter.
    TransactionKey invite = key(Matching.clientKey(INVITE));
    assertThat(invite).isEqualTo(new TransactionKey.Client("z9hG4bKkjshdyff", "INVITE"));
    assertThat(key(Matching.clientKey(Messages.response(INVITE, 180)))).isEqualTo(invite);
    assertThat(key(Matching.clientKey(Messages.response(INVITE, 486)))).isEqualTo(invite);
    SipRequest cancel = Messages.request(Messages.INVITE.replace("INVITE", "CANCEL"));
    SipResponse cancelOk = Messages.response(cancel, 200);
    assertThat(key(Matching.clientKey(cancelOk)))
        .isEqualTo(new TransactionKey.Client("z9hG4bKkjshdyff", "CANCEL"))
        .isNotEqualTo(invite);
    SipResponse otherBranch = Messages.response(
        Messages.request(Messages.INVITE.replace("kjshdyff", "other")), 200);
    assertThat(key(Matching.clientKey(otherBranch))).isNotEqualTo(invite);
  }

  @Test
  @DisplayName("a response without a Via cannot be matched: a typed reason, not an exception")
  void unmatchable() {
    SipResponse noVia = Messages.response(INVITE, 200).withHeaders(
        Messages.response(INVITE, 200).headers().without("Via"));
    assertThat(Matching.clientKey(noVia)).isInstanceOf(Matching.Result.Unmatchable.class);
    assertThat(Matching.clientKey(noVia).toOptional()).isEmpty();
    SipRequest noViaRequest = INVITE.withHeaders(INVITE.headers().without("Via"));
    assertThat(Matching.serverKey(noViaRequest))
        .isEqualTo(new Matching.Result.Unmatchable("no well-formed top Via", "17.2.3"));
  }

  @Test
  @DisplayName("RFC 3261 server matching: branch, sent-by and method; the ACK matches its INVITE")
  void serverMatching() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //= type=test
    //# the method of the request matches the one that created the
    //# transaction, except for ACK, where the method of the request
    //# that created the transaction is INVITE.
    TransactionKey invite = key(Matching.serverKey(INVITE));
    assertThat(invite).isEqualTo(
        new TransactionKey.Server("z9hG4bKkjshdyff", "pc33.atlanta.com", "INVITE"));
    assertThat(key(Matching.serverKey(Messages.ackFor(INVITE)))).isEqualTo(invite);
    assertThat(key(Matching.serverKey(Messages.request(Messages.INVITE.replace("pc33.atlanta.com;",
        "PC33.Atlanta.COM;"))))).isEqualTo(invite);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //= type=test
    //# The sent-by value is used as part of the matching process because
    //# there could be accidental or malicious duplication of branch
    //# parameters from different clients.
    SipRequest otherClient = Messages.request(Messages.INVITE.replace("pc33.atlanta.com;",
        "pc34.atlanta.com:5070;"));
    assertThat(key(Matching.serverKey(otherClient))).isNotEqualTo(invite);
    SipRequest bye = Messages.request(Messages.INVITE.replace("INVITE", "BYE"));
    assertThat(key(Matching.serverKey(bye))).isNotEqualTo(invite);
  }

  @Test
  @DisplayName("a CANCEL is its own transaction, and finds the INVITE it cancels by §9.2")
  void cancel() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
    //= type=test
    //# The TU determines the transaction to be
    //# cancelled by taking the CANCEL request, and then assuming that the
    //# request method is anything but CANCEL or ACK and applying the
    //# transaction matching procedures of Section 17.2.3.
    SipRequest cancel = Messages.request(Messages.INVITE.replace("INVITE", "CANCEL"));
    assertThat(key(Matching.serverKey(cancel))).isNotEqualTo(key(Matching.serverKey(INVITE)));
    assertThat(key(Matching.cancelledKey(cancel, "INVITE"))).isEqualTo(key(Matching.serverKey(INVITE)));
    assertThatThrownBy(() -> Matching.cancelledKey(cancel, "ACK"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("RFC 4475 inv2543: no branch, so RFC 2543 matching; its retransmission and its ACK match, another To tag does not")
  void inv2543() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //= type=test
    //# If the branch parameter in the top Via header field is not present,
    //# or does not contain the magic cookie, the following procedures are
    //# used.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //= type=test
    //# The ACK request matches a transaction if the Request-
    //# URI, From tag, Call-ID, CSeq number (not the method), and top Via
    //# header field match those of the INVITE request which created the
    //# transaction, and the To tag of the ACK matches the To tag of the
    //# response sent by the server transaction.
    SipRequest invite = Messages.rfc4475("inv2543");
    TransactionKey key = key(Matching.serverKey(invite));
    assertThat(key).isEqualTo(new TransactionKey.Rfc2543("sip:UserB@example.com", "",
        "inv2543.1717@ift.client.example.com", 56, "INVITE", "SIP/2.0/UDP iftgw.example.com"));
    assertThat(Matching.sameRfc2543Transaction(invite, Optional.empty(), invite)).isTrue();

    SipResponse busy = Messages.response(invite, 486);
    String ackText = """
        ACK sip:UserB@example.com SIP/2.0
        Via: SIP/2.0/UDP iftgw.example.com
        From: <sip:+13035551111@ift.client.example.net;user=phone>
        To: sip:+16505552222@ss1.example.net;user=phone;tag=99sa0xk
        Call-ID: inv2543.1717@ift.client.example.com
        CSeq: 56 ACK
        Content-Length: 0

        """;
    SipRequest ack = Messages.request(ackText);
    assertThat(key(Matching.serverKey(ack))).isEqualTo(key);
    assertThat(Matching.sameRfc2543Transaction(invite, Optional.of(busy), ack)).isTrue();
    SipRequest strayAck = Messages.request(ackText.replace("tag=99sa0xk", "tag=elsewhere"));
    assertThat(Matching.sameRfc2543Transaction(invite, Optional.of(busy), strayAck)).isFalse();

    SipRequest newCseq = Messages.request(new String(invite.toBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("CSeq: 56 INVITE", "CSeq: 57 INVITE"));
    assertThat(key(Matching.serverKey(newCseq))).isNotEqualTo(key);
  }

  @Test
  @DisplayName("RFC 4475 badbranch: the branch is the magic cookie alone, which identifies nothing: RFC 2543 matching")
  void badbranch() {
    SipRequest options = Messages.rfc4475("badbranch");
    assertThat(options.topViaBranch()).contains("z9hG4bK");
    assertThat(Matching.hasRfc3261Branch(options.via().toOptional().orElseThrow().get(0))).isFalse();
    assertThat(key(Matching.serverKey(options))).isEqualTo(new TransactionKey.Rfc2543(
        "sip:user@example.com", "33242", "badbranch.sadonfo23i420jv0as0derf3j3n", 8, "OPTIONS",
        "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK"));
    assertThat(Matching.sameRfc2543Transaction(options, Optional.empty(), options)).isTrue();
  }

  @Test
  @DisplayName("the RFC 2543 rule compares the Request-URI by §19.1.4, so an equivalent URI still matches")
  void rfc2543UriEquivalence() {
    SipRequest invite = Messages.rfc4475("inv2543");
    SipRequest sameUriOtherCase = invite.withRequestUri("sip:UserB@EXAMPLE.com");
    assertThat(Matching.sameRfc2543Transaction(invite, Optional.empty(), sameUriOtherCase)).isTrue();
    SipRequest otherUser = invite.withRequestUri("sip:userb@example.com");
    assertThat(Matching.sameRfc2543Transaction(invite, Optional.empty(), otherUser)).isFalse();
  }

  @Test
  @DisplayName("the machine for a request: INVITE, non-INVITE, and none for ACK")
  void machineFor() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1
    //= type=test
    //# There is no client
    //# transaction for ACK.
    assertThat(Machine.clientFor(INVITE)).contains(Machine.INVITE_CLIENT);
    assertThat(Machine.clientFor(Messages.options())).contains(Machine.NON_INVITE_CLIENT);
    assertThat(Machine.clientFor(Messages.ackFor(INVITE))).isEmpty();
    assertThat(Machine.serverFor(INVITE)).contains(Machine.INVITE_SERVER);
    assertThat(Machine.serverFor(Messages.options())).contains(Machine.NON_INVITE_SERVER);
    assertThat(Machine.serverFor(Messages.ackFor(INVITE))).isEmpty();
    assertThatThrownBy(() -> Transaction.start(Machine.INVITE_SERVER, Messages.options(),
        Reliability.UNRELIABLE)).isInstanceOf(IllegalArgumentException.class);
  }
}

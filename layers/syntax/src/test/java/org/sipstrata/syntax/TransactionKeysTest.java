package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The keys a transaction reads from every message (top Via branch, From and To tags) are located
 * in the rows without building trees; here they are held to the typed values read from the trees.
 */
class TransactionKeysTest {

  private static SipMessage message(String via, String to) {
    String text = "OPTIONS sip:b@example.com SIP/2.0\r\n" + via + "\r\nMax-Forwards: 70\r\n"
        + "From: <sip:a@example.com>;tag=f1\r\n" + to + "\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
    return ((FramingResult.Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8)))
        .message();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //= type=test
  //# Via               =  ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
  @Test
  @DisplayName("the top Via branch is the first value's, whether a row holds one value or more")
  void topViaBranch() {
    String to = "To: <sip:b@example.com>";
    assertThat(message("Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1", to).topViaBranch())
        .contains("z9hG4bK1");
    assertThat(message("Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2", to)
        .topViaBranch()).contains("z9hG4bK1");
    assertThat(message("Via: SIP/2.0/UDP a;received=10.0.0.1, SIP/2.0/UDP b;branch=z9hG4bK2", to)
        .topViaBranch()).isEmpty();
    assertThat(message("Via: SIP/2.0/UDP a;x=\"1,2\";branch = z9hG4bK3", to).topViaBranch())
        .contains("z9hG4bK3");
    assertThat(message("v: SIP/2.0/UDP a;BRANCH=z9hG4bK4;branch=z9hG4bK5", to).topViaBranch())
        .contains("z9hG4bK4");
  }

  @Test
  @DisplayName("the To tag: absent, present, and \"tag\" written elsewhere in the row")
  void toTag() {
    String via = "Via: SIP/2.0/UDP a;branch=z9hG4bK1";
    assertThat(message(via, "To: <sip:b@example.com>").toTag()).isEmpty();
    assertThat(message(via, "To: <sip:tag@tag.example.com>;tag=t9").toTag()).contains("t9");
    assertThat(message(via, "To: <sip:b@example.com>;x=tagged").toTag()).isEmpty();
    assertThat(message(via, "To: \"tag\" <sip:b@example.com;tag=u>").toTag()).isEmpty();
  }

  @Test
  @DisplayName("a row's rule found by its header's number is the rule found by its name")
  void rulesByNumber() {
    for (String name : List.of("Via", "v", "VIA", "From", "f", "To", "t", "Call-ID", "i",
        "call-id", "CSeq", "Contact", "m", "Content-Length", "l", "Refer-To", "r", "Event", "o",
        "Allow-Events", "u", "WWW-Authenticate", "X-Unknown")) {
      HeaderField row = HeaderField.of(name, "x");
      assertThat(row.rule()).as(name)
          .isEqualTo(org.sipstrata.syntax.internal.Grammar.ruleForHeader(name));
    }
  }

  @Test
  @DisplayName("over the corpora, the keys are what the typed Via, From and To values say")
  void corpora() {
    int compared = 0;
    for (SipMessage m : Corpus.framedMessages()) {
      Optional<HeaderField> topVia = m.header("Via");
      if (topVia.isPresent()
          && TypedHeader.VIA.read(topVia.get()) instanceof Parsed.Ok<List<Via>> ok) {
        assertThat(m.topViaBranch()).as("%s", topVia.get())
            .isEqualTo(ok.value().get(0).parameters().value("branch"));
        compared++;
      }
      for (String header : List.of("From", "To")) {
        Optional<HeaderField> row = m.header(header);
        if (row.isPresent()
            && TypedHeader.FROM.name().equals(header)
            && TypedHeader.FROM.read(row.get()) instanceof Parsed.Ok<NameAddress> address) {
          assertThat(m.fromTag()).as("%s", row.get())
              .isEqualTo(address.value().parameters().value("tag"));
          compared++;
        }
        if (row.isPresent() && header.equals("To")
            && TypedHeader.TO.read(row.get()) instanceof Parsed.Ok<NameAddress> address) {
          assertThat(m.toTag()).as("%s", row.get())
              .isEqualTo(address.value().parameters().value("tag"));
          compared++;
        }
      }
    }
    assertThat(compared).as("keys compared").isGreaterThan(700);
  }
}

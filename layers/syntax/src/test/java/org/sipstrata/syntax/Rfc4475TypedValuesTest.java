package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What RFC 4475 says about the values in its valid messages, checked on the typed values. */
class Rfc4475TypedValuesTest {

  private static SipMessage message(String name) {
    byte[] bytes = Corpus.resource("/corpus/rfc4475/" + name + ".dat");
    return ((FramingResult.Framed) SipFraming.datagram(bytes)).message();
  }

  private static SipUri sip(Uri uri) {
    assertThat(uri).isInstanceOf(SipUri.class);
    return (SipUri) uri;
  }

  private static SipUri requestUri(SipMessage m) {
    Parsed<Uri> uri = ((SipRequest) m).requestUriValue();
    assertThat(uri).isSameAs(((SipRequest) m).requestUriValue());
    return sip(uri.toOptional().orElseThrow());
  }

  @Test
  @DisplayName("3.3.2 unkscm and 3.3.3 novelsc: other schemes in the Request-URI are absolute URIs")
  void otherSchemes() {
    assertThat(((SipRequest) message("unkscm")).requestUriValue().toOptional().map(Uri::scheme))
        .contains("nobodyknowsthisscheme");
    assertThat(((SipRequest) message("novelsc")).requestUriValue().toOptional().map(Uri::scheme))
        .contains("soap.beep");
  }

  @Test
  @DisplayName("3.1.1.1 wsinv: folded, spaced values read as their values")
  void wsinv() {
    SipMessage m = message("wsinv");
    assertThat(requestUri(m).hasParameter("unknownparam")).isTrue();
    // TO :\r\n sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
    assertThat(m.to().toOptional().orElseThrow().tag()).contains("1918181833n");
    // from   : "J Rosenberg \\\""       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8
    NameAddress from = m.from().toOptional().orElseThrow();
    assertThat(from.displayName()).contains("J Rosenberg \\\"");
    assertThat(from.tag()).contains("98asjd8");
    assertThat(m.get(TypedHeader.MAX_FORWARDS).toOptional()).contains(68);
    assertThat(m.get(TypedHeader.CSEQ).toOptional()).contains(new CSeq(9, "INVITE"));
    List<Via> vias = m.via().toOptional().orElseThrow();
    assertThat(vias).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
    assertThat(vias).extracting(v -> v.branch().orElseThrow())
        .containsExactly("390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239");
    assertThat(vias.get(1).host().text()).isEqualTo("spindle.example.com");
    NameAddress contact = m.contact().toOptional().orElseThrow().addresses().get(0);
    assertThat(contact.displayName()).contains("Quoted string \"\"");
    assertThat(contact.parameters().value("newparam")).contains("newvalue");
    assertThat(contact.parameters().get("secondparam").orElseThrow().value()).isEmpty();
    assertThat(Contact.q(contact)).map(Object::toString).contains("0.33");
    SipUri route = sip(m.route().toOptional().orElseThrow().get(0).uri());
    assertThat(route.lr()).isTrue();
    assertThat(route.parameter("unknownwith")).contains("value");
    assertThat(route.hasParameter("unknown-no-value")).isTrue();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  Characters other than those in the "reserved" set (see RFC 2396
  //# [5]) are equivalent to their ""%" HEX HEX" encoding.
  @Test
  @DisplayName("3.1.1.3 esc01: escapes are equivalent to their characters, never unescaped twice")
  void esc01() {
    SipMessage m = message("esc01");
    SipUri ruri = requestUri(m);
    assertThat(ruri.user()).contains("sips%3Auser%40example.com");
    assertThat(ruri.host().text()).isEqualTo("example.net");
    SipUri to = sip(m.to().toOptional().orElseThrow().uri());
    assertThat(to.equivalentTo(SipUri.parse("sip:user@example.com").toOptional().orElseThrow()))
        .isTrue();
    SipUri contact = sip(m.contact().toOptional().orElseThrow().addresses().get(0).uri());
    assertThat(contact.equivalentTo(
        SipUri.parse("sip:caller@host5.example.net;lr;name=value%2541").toOptional().orElseThrow()))
        .isTrue();
    // "the "name" uri-parameter has a value of "value%41", which is NOT equivalent to "valueA""
    assertThat(contact.parameter("name")).contains("value%41");
    assertThat(contact.lr()).isTrue();
    assertThat(contact.equivalentTo(
        SipUri.parse("sip:caller@host5.example.net;lr;name=valueA").toOptional().orElseThrow()))
        .isFalse();
  }

  @Test
  @DisplayName("3.1.1.4 escnull: %00 in the user part is a user character like any other")
  void escnull() {
    SipMessage m = message("escnull");
    SipUri to = sip(m.to().toOptional().orElseThrow().uri());
    assertThat(to.user()).contains("null-%00-null");
    assertThat(to.equivalentTo(sip(m.from().toOptional().orElseThrow().uri()))).isTrue();
    assertThat(to.equivalentTo(SipUri.parse("sip:null--null@example.com").toOptional().orElseThrow()))
        .isFalse();
  }

  @Test
  @DisplayName("3.1.1.5 esc02: % that is not an escape stays as written in the display name, branch and method")
  void esc02() {
    SipMessage m = message("esc02");
    assertThat(m.from().toOptional().orElseThrow().displayName()).contains("%Z%45");
    assertThat(m.via().toOptional().orElseThrow().get(0).branch()).contains("z9hG4bK209%fzsnel234");
    assertThat(m.get(TypedHeader.CSEQ).toOptional()).contains(new CSeq(29344, "RE%47IST%45R"));
    // C%6Fntact is an extension header, not Contact.
    assertThat(m.contact().toOptional().orElseThrow().addresses()).hasSize(2);
  }

  @Test
  @DisplayName("3.1.1.6 lwsdisp: a display name directly before < ")
  void lwsdisp() {
    assertThat(message("lwsdisp").from().toOptional().orElseThrow().displayName()).contains("caller");
  }

  @Test
  @DisplayName("3.1.1.9 semiuri: a ; in the user part of the Request-URI is part of the user, not a parameter")
  void semiuri() {
    SipUri ruri = requestUri(message("semiuri"));
    assertThat(ruri.user()).contains("user;par=u%40example.net");
    assertThat(ruri.host().text()).isEqualTo("example.com");
    assertThat(ruri.parameters().isEmpty()).isTrue();
  }

  @Test
  @DisplayName("3.1.1.10 transports: UDP, SCTP, TLS, an unknown transport and TCP")
  void transports() {
    assertThat(message("transports").via().toOptional().orElseThrow()).extracting(Via::transport)
        .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
  }
}

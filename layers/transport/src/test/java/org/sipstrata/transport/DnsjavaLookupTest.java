package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.transport.internal.DnsjavaLookup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** dnsjava's queries answered by a small authoritative server on loopback, serving a fixed zone. */
@DisplayName("RFC 3263 over real DNS queries (dnsjava against a loopback server)")
class DnsjavaLookupTest {

  private static final String[][] ZONE = {
    {"example.com.", "NAPTR", "90 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.example.com."},
    {"example.com.", "NAPTR", "100 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.com."},
    {"_sip._tcp.example.com.", "SRV", "0 1 5060 server1.example.com."},
    {"_sip._udp.example.com.", "SRV", "0 1 5070 server1.example.com."},
    {"server1.example.com.", "A", "192.0.2.1"},
    {"server1.example.com.", "AAAA", "2001:db8::1"},
  };

  private DatagramSocket server;
  private Thread serverThread;

  @BeforeEach
  void serve() throws Exception {
    server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    serverThread = Thread.ofVirtual().start(() -> {
      byte[] buffer = new byte[4096];
      while (!server.isClosed()) {
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          server.receive(packet);
          Message query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
          byte[] answer = answer(query).toWire();
          server.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        } catch (Exception closedOrBad) {
          // The socket closed at the end of the test, or a query this server cannot read.
        }
      }
    });
  }

  private static Message answer(Message query) throws Exception {
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.addRecord(question, Section.QUESTION);
    boolean nameExists = false;
    for (String[] row : ZONE) {
      Name name = Name.fromString(row[0]);
      if (name.equals(question.getName())) {
        nameExists = true;
        int type = Type.value(row[1]);
        if (type == question.getType()) {
          response.addRecord(Record.fromString(name, type, DClass.IN, 60, row[2], Name.root), Section.ANSWER);
        }
      }
    }
    if (!nameExists) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return response;
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    serverThread.join(Duration.ofSeconds(5));
  }

  private DnsjavaLookup lookup() throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.getLocalPort());
    resolver.setTimeout(Duration.ofSeconds(5));
    return new DnsjavaLookup(resolver);
  }

  @Test
  @DisplayName("NAPTR, SRV, A and AAAA records come back as the locator's values")
  void records() throws Exception {
    DnsjavaLookup dns = lookup();
    assertThat(dns.naptr("example.com")).containsExactlyInAnyOrder(
        new ServerLocator.Naptr(90, 50, "s", "SIP+D2T", "_sip._tcp.example.com."),
        new ServerLocator.Naptr(100, 50, "s", "SIP+D2U", "_sip._udp.example.com."));
    assertThat(dns.srv("_sip._tcp.example.com"))
        .containsExactly(new ServerLocator.Srv(0, 1, 5060, "server1.example.com."));
    assertThat(dns.addresses("server1.example.com"))
        .containsExactly(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"));
    assertThat(dns.addresses("nowhere.example.com")).isEmpty();
  }

  @Test
  @DisplayName("the whole of §4 through real queries: NAPTR → SRV → A/AAAA")
  void locate() throws Exception {
    ServerLocator locator = new ServerLocator(lookup(), Set.of(Transport.UDP, Transport.TCP), new Random(1));
    List<String> targets = locator.locate(SipUri.parse("sip:bob@example.com").toOptional().orElseThrow())
        .stream().map(Endpoint::toString).toList();
    assertThat(targets).containsExactly("tcp:192.0.2.1:5060", "tcp:[2001:db8:0:0:0:0:0:1]:5060");
  }
}

package org.sipstrata.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The message sets of the parser comparison (issue 4), read from this module's resources (byte-exact
 * copies of the syntax layer's test corpora):
 *
 * <ul>
 *   <li>{@code invite}: RFC 3665 §3.1 F1, an INVITE with SDP;
 *   <li>{@code response}: RFC 3665 §3.1 F3, its 200 OK with SDP;
 *   <li>{@code rfc4475valid}: the 13 valid messages of RFC 4475 §3.1.1;
 *   <li>{@code callflows}: the 193 messages of the RFC 3665 call flows.
 * </ul>
 *
 * The RFC 3665 messages are YAML literal blocks with LF line ends; they get CRLF here, as in
 * {@code CorpusTypedHeadersTest}.
 */
final class MessageSets {

  private MessageSets() {}

  /** A message of a set: where it comes from, and its octets. */
  record Message(String name, byte[] octets) {}

  static final List<String> RFC4475_VALID = List.of("wsinv", "intmeth", "esc01", "escnull", "esc02",
      "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "mpart01", "unreason", "noreason");

  static final List<String> RFC3665_FLOWS = List.of(
      "2.01_sip-client-new-registration", "2.02_update-of-contact-list",
      "2.03_request-for-current-contact-list", "2.04_cancellation-of-registration",
      "2.05_unsuccessful-registration", "3.01_successful-session-establishment",
      "3.02_session-establishment-through-two-proxies",
      "3.03_session-with-multiple-proxy-authentication",
      "3.04_successful-session-with-proxy-failure", "3.05_session-through-a-sip-alg",
      "3.06_session-via-redirect-and-proxy-servers-with-sdp-in-ack",
      "3.07_session-with-re-invite-ip-address-change", "3.08_unsuccessful-no-answer",
      "3.09_unsuccessful-busy", "3.10_unsuccessful-no-response-from-user-agent",
      "3.11_unsuccessful-temporarily-unavailable");

  /** The named set: {@code invite}, {@code response}, {@code rfc4475valid} or {@code callflows}. */
  static List<Message> load(String set) {
    return switch (set) {
      case "invite" -> List.of(flow("3.01_successful-session-establishment").get(0));
      case "response" -> List.of(flow("3.01_successful-session-establishment").get(2));
      case "rfc4475valid" -> RFC4475_VALID.stream()
          .map(n -> new Message("RFC 4475 " + n, resource("rfc4475/" + n + ".dat"))).toList();
      case "callflows" -> RFC3665_FLOWS.stream().flatMap(f -> flow(f).stream()).toList();
      default -> throw new IllegalArgumentException("unknown message set " + set);
    };
  }

  /** The messages of one RFC 3665 flow file, in order. */
  static List<Message> flow(String file) {
    String yaml = new String(resource("rfc3665/" + file + ".yaml"), StandardCharsets.UTF_8);
    List<Message> out = new ArrayList<>();
    StringBuilder current = null;
    for (String line : (yaml + "\n- |+\n").split("\n", -1)) {
      if (line.startsWith("- |")) {
        if (current != null && !current.toString().isBlank()) {
          String text = current.toString();
          // A bodiless block directly followed by the next one lacks the empty line §7 requires.
          if (!text.contains("\n\n")) {
            text += "\n";
          }
          out.add(new Message("RFC 3665 " + file + " #" + (out.size() + 1),
              text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        }
        current = new StringBuilder();
      } else if (current != null && !line.startsWith("#")) {
        current.append(line.startsWith("  ") ? line.substring(2) : line.strip()).append('\n');
      }
    }
    return out;
  }

  static byte[] resource(String path) {
    try (InputStream in = MessageSets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

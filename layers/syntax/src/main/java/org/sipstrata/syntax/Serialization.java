package org.sipstrata.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writing a message as octets, in two forms.
 *
 * <ul>
 *   <li><b>Preserving</b>: every part keeps the octets it was framed from (start line, each header
 *       row with its folding and spacing, body). A message framed and not modified is written back
 *       exactly; a part built in code is written canonically.</li>
 *   <li><b>Canonical</b>: the preferred form of §7.3.1, {@code Name: value CRLF}, with long or compact
 *       names, folds replaced by one SP, the SIP-Version in upper case, and Content-Length set to the
 *       body length (the first Content-Length row is rewritten in place, later ones dropped, one is
 *       appended when there was none).</li>
 * </ul>
 */
public final class Serialization {

  private Serialization() {}

  /** How the canonical form spells header names. */
  public enum NameForm {
    /** The long name as the defining RFC spells it ({@code Call-ID}); unknown names as written. */
    LONG,
    /** The compact form where one exists (§7.3.3), otherwise the long name. */
    COMPACT
  }

  public static byte[] preserving(SipMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + message.bodyLength());
    byte[] startLine =
        switch (message) {
          case SipRequest request -> request.startLineBytes();
          case SipResponse response -> response.startLineBytes();
        };
    out.write(startLine, 0, startLine.length);
    for (HeaderField row : message.headers().all()) {
      row.writeRawTo(out);
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7
    //# Note that
    //# the empty line MUST be present even if the message-body is not.
    out.write('\r');
    out.write('\n');
    writeBody(message, out);
    return out.toByteArray();
  }

  public static byte[] canonical(SipMessage message, NameForm form) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + message.bodyLength());
    byte[] startLine =
        switch (message) {
          case SipRequest request -> request.canonicalStartLine();
          case SipResponse response -> response.canonicalStartLine();
        };
    out.write(startLine, 0, startLine.length);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
    //# If no body is present in a message, then the
    //# Content-Length header field value MUST be set to zero.
    HeaderFields rows =
        message
            .headers()
            .replacing(
                "Content-Length",
                HeaderField.of("Content-Length", Integer.toString(message.bodyLength())));
    for (HeaderField row : rows.all()) {
      String name =
          form == NameForm.COMPACT ? HeaderName.compact(row.name()) : HeaderName.canonical(row.name());
      byte[] line = (name + ": " + row.value() + "\r\n").getBytes(StandardCharsets.UTF_8);
      out.write(line, 0, line.length);
    }
    out.write('\r');
    out.write('\n');
    writeBody(message, out);
    return out.toByteArray();
  }

  private static void writeBody(SipMessage message, ByteArrayOutputStream out) {
    byte[] body =
        switch (message) {
          case SipRequest request -> request.bodyNoCopy();
          case SipResponse response -> response.bodyNoCopy();
        };
    out.write(body, 0, body.length);
  }
}

package org.sipstrata.syntax;

/**
 * Where a framer is within a message, as netty's {@code HttpObjectDecoder} names its states. A
 * {@link StreamDecoder} returns whenever the input runs out and resumes in the same state.
 */
public enum FramingState {
  /** Between messages: CRLFs are skipped (RFC 3261 §7.5). */
  SKIP_CONTROL_CHARS,
  /** In the start line (§7.1, §7.2). */
  READ_START_LINE,
  /** In the header section, up to and including the empty line (§7.3). */
  READ_HEADERS,
  /** In the body, whose length Content-Length gave (§7.4.2, §20.14). */
  READ_BODY,
  /** A framing error was reported; everything after it is discarded. */
  BAD_MESSAGE
}

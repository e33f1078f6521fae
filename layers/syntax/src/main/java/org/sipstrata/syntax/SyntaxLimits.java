package org.sipstrata.syntax;

/**
 * Resource limits of framing. Every limit is checked while octets arrive, so a peer cannot make
 * the framer buffer more than {@link #maxMessageSize()} octets or build more than
 * {@link #maxHeaderCount()} rows; exceeding one is a {@link SyntaxError} whose kind says which.
 *
 * <p>RFC 3261 sets none of these numbers; the defaults are generous for real traffic (the longest
 * RFC 4475 header row is under 1 KiB, a UDP datagram is under 64 KiB) and small enough that one
 * connection cannot exhaust memory.
 *
 * @param maxMessageSize octets of one message, start line through body; default
 *     {@value #DEFAULT_MAX_MESSAGE_SIZE}
 * @param maxStartLineLength octets of the start line with its CRLF; default
 *     {@value #DEFAULT_MAX_START_LINE_LENGTH}
 * @param maxHeaderLineLength octets of one header row with its folds and CRLFs; default
 *     {@value #DEFAULT_MAX_HEADER_LINE_LENGTH}
 * @param maxHeaderCount header rows in one message; default {@value #DEFAULT_MAX_HEADER_COUNT}
 * @param maxBodySize octets of one body (checked against Content-Length before reading); default
 *     {@value #DEFAULT_MAX_BODY_SIZE}
 * @param maxValuesPerHeader comma-separated values of one header field, over all its rows (§7.3.1
 *     combines rows of the same name into one list); a comma counts outside quoted strings,
 *     comments and {@code <…>}; default {@value #DEFAULT_MAX_VALUES_PER_HEADER}
 * @param maxNestingDepth nesting of comments, {@code (} inside {@code (} (Server, User-Agent, §25.1
 *     {@code comment} is recursive); default {@value #DEFAULT_MAX_NESTING_DEPTH}
 */
public record SyntaxLimits(
    int maxMessageSize,
    int maxStartLineLength,
    int maxHeaderLineLength,
    int maxHeaderCount,
    int maxBodySize,
    int maxValuesPerHeader,
    int maxNestingDepth) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;
  public static final int DEFAULT_MAX_START_LINE_LENGTH = 8 * 1024;
  public static final int DEFAULT_MAX_HEADER_LINE_LENGTH = 16 * 1024;
  public static final int DEFAULT_MAX_HEADER_COUNT = 256;
  public static final int DEFAULT_MAX_BODY_SIZE = 192 * 1024;
  public static final int DEFAULT_MAX_VALUES_PER_HEADER = 1000;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;

  private static final SyntaxLimits DEFAULTS =
      new SyntaxLimits(
          DEFAULT_MAX_MESSAGE_SIZE,
          DEFAULT_MAX_START_LINE_LENGTH,
          DEFAULT_MAX_HEADER_LINE_LENGTH,
          DEFAULT_MAX_HEADER_COUNT,
          DEFAULT_MAX_BODY_SIZE,
          DEFAULT_MAX_VALUES_PER_HEADER,
          DEFAULT_MAX_NESTING_DEPTH);

  public SyntaxLimits {
    if (maxMessageSize < 1
        || maxStartLineLength < 1
        || maxHeaderLineLength < 1
        || maxHeaderCount < 0
        || maxBodySize < 0
        || maxValuesPerHeader < 1
        || maxNestingDepth < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxMessageSize + ", "
          + maxStartLineLength + ", " + maxHeaderLineLength + ", " + maxHeaderCount + ", "
          + maxBodySize + ", " + maxValuesPerHeader + ", " + maxNestingDepth);
    }
  }

  /** The documented defaults. */
  public static SyntaxLimits defaults() {
    return DEFAULTS;
  }

  public SyntaxLimits withMaxMessageSize(int value) {
    return new SyntaxLimits(value, maxStartLineLength, maxHeaderLineLength, maxHeaderCount,
        maxBodySize, maxValuesPerHeader, maxNestingDepth);
  }

  public SyntaxLimits withMaxStartLineLength(int value) {
    return new SyntaxLimits(maxMessageSize, value, maxHeaderLineLength, maxHeaderCount,
        maxBodySize, maxValuesPerHeader, maxNestingDepth);
  }

  public SyntaxLimits withMaxHeaderLineLength(int value) {
    return new SyntaxLimits(maxMessageSize, maxStartLineLength, value, maxHeaderCount,
        maxBodySize, maxValuesPerHeader, maxNestingDepth);
  }

  public SyntaxLimits withMaxHeaderCount(int value) {
    return new SyntaxLimits(maxMessageSize, maxStartLineLength, maxHeaderLineLength, value,
        maxBodySize, maxValuesPerHeader, maxNestingDepth);
  }

  public SyntaxLimits withMaxBodySize(int value) {
    return new SyntaxLimits(maxMessageSize, maxStartLineLength, maxHeaderLineLength,
        maxHeaderCount, value, maxValuesPerHeader, maxNestingDepth);
  }

  public SyntaxLimits withMaxValuesPerHeader(int value) {
    return new SyntaxLimits(maxMessageSize, maxStartLineLength, maxHeaderLineLength,
        maxHeaderCount, maxBodySize, value, maxNestingDepth);
  }

  public SyntaxLimits withMaxNestingDepth(int value) {
    return new SyntaxLimits(maxMessageSize, maxStartLineLength, maxHeaderLineLength,
        maxHeaderCount, maxBodySize, maxValuesPerHeader, value);
  }
}

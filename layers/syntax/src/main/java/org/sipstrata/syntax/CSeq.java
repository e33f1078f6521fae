package org.sipstrata.syntax;

/**
 * The value of a CSeq header field (RFC 3261 §8.1.1.5, §20.16): {@code CSeq = "CSeq" HCOLON 1*DIGIT
 * LWS Method}.
 *
 * @param sequenceNumber the sequence number, 0 to 2**32-1
 * @param method the method, case-sensitive
 */
public record CSeq(long sequenceNumber, String method) {}

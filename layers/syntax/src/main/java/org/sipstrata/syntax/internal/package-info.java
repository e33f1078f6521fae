/**
 * Implementation of framing (RFC 3261 §7.5, §18.3): the octet-level state machine shared by
 * datagram and stream mode, octet classes of §25.1, and the bridge to the generated grammar. Not
 * exported.
 */
package org.sipstrata.syntax.internal;

/**
 * Internals of the transport layer, not exported: TCP/TLS connections (reader and writer threads,
 * stream framing, RFC 3261 §18.3), the header-section salvage for the 400 of §18.3, the top-Via
 * rewrite, IP literals, and the dnsjava answers for RFC 3263.
 */
package org.sipstrata.transport.internal;

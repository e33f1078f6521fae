/**
 * The transport layer: moves SIP messages between the stack and the network.
 *
 * <p>RFC 3261 sections covered here:
 * <ul>
 *   <li>§18 Transport (§18.1 clients, §18.2 servers, §18.3 framing, §18.4 error handling)</li>
 *   <li>§26.3 TLS and SIPS</li>
 *   <li>RFC 3581 (rport), RFC 3263 (locating SIP servers)</li>
 * </ul>
 *
 * <p>Depends only on {@code org.sipstrata.syntax}. Layers above receive messages through listener
 * interfaces declared here.
 */
package org.sipstrata.transport;

/**
 * The syntax layer: SIP messages as bytes and as values.
 *
 * <p>RFC 3261 sections covered here:
 * <ul>
 *   <li>§7 SIP Messages (start line, header fields, body, framing)</li>
 *   <li>§8.1.1 mandatory request header fields (reported as facts)</li>
 *   <li>§18.3 Framing over message- and stream-oriented transports</li>
 *   <li>§19 Common Message Components (SIP and SIPS URIs, §19.1.4 URI comparison)</li>
 *   <li>§20 Header Fields (the 44 header fields and their compact forms)</li>
 *   <li>§25 Augmented BNF (through the generated grammar of {@code org.sipstrata.grammar})</li>
 * </ul>
 *
 * <p>Depends only on {@code org.sipstrata.grammar}; every layer above speaks its types.
 */
package org.sipstrata.syntax;

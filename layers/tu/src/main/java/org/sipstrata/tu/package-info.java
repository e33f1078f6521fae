/**
 * The transaction user (TU): UA core, dialogs, registrar and proxy.
 *
 * <p>RFC 3261 sections covered here:
 * <ul>
 *   <li>§8 General User Agent Behavior</li>
 *   <li>§10 Registrations, §12 Dialogs, §13–§15 INVITE sessions, §9 CANCEL</li>
 *   <li>§16 Proxy Behavior, §21 Response Codes, §22 Usage of HTTP Authentication</li>
 * </ul>
 *
 * <p>Depends on {@code org.sipstrata.transaction} and {@code org.sipstrata.syntax}; never on
 * {@code org.sipstrata.transport} (RFC 3261 §17: the TU reaches the network through transactions,
 * and through the transaction layer's stateless path where §16.11 and §13.3.1.4 allow it).
 */
package org.sipstrata.tu;

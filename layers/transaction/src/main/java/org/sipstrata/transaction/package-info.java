/**
 * The transaction layer: the four state machines of RFC 3261 §17.
 *
 * <p>RFC 3261 sections covered here:
 * <ul>
 *   <li>§17.1 Client Transaction (Figure 5: INVITE, Figure 6: non-INVITE)</li>
 *   <li>§17.2 Server Transaction (Figure 7: INVITE, Figure 8: non-INVITE)</li>
 *   <li>§9.2 CANCEL matching where it meets transactions</li>
 *   <li>RFC 6026 (the Accepted state, Timers L and M), RFC 4320 (non-INVITE: no 408, no
 *       101-199, the 100 timed by Timer 100)</li>
 * </ul>
 *
 * <p>Depends on {@code org.sipstrata.transport} and the shared vocabulary of
 * {@code org.sipstrata.syntax}; it is the only way the layers above reach the network.
 */
package org.sipstrata.transaction;

/** Voicemail over SIP: the SIP endpoint, call routing, and the deposit and retrieval call flows. */
@NullMarked
package org.voxbox.telephony;

import org.jspecify.annotations.NullMarked;

/** Adapters the SIP stack instantiates by class name: its loggers, bridged to SLF4J, and its message parser. */
@NullMarked
package org.voxbox.telephony.internal;

import org.jspecify.annotations.NullMarked;

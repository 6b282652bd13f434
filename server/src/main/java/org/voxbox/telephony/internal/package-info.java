/** Adapters the SIP stack instantiates by class name (its loggers, bridged to SLF4J). */
@NullMarked
package org.voxbox.telephony.internal;

import org.jspecify.annotations.NullMarked;

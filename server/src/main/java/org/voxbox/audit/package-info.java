/** The administrator's audit trail of PIN, voicemail, transfer and credential events. */
@NullMarked
package org.voxbox.audit;

import org.jspecify.annotations.NullMarked;

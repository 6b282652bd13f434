/** The administrator's audit trail of PIN and voicemail events. */
@NullMarked
package org.voxbox.audit;

import org.jspecify.annotations.NullMarked;

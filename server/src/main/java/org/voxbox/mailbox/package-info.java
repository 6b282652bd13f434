/** One mailbox per person and its voicemail settings. */
@NullMarked
package org.voxbox.mailbox;

import org.jspecify.annotations.NullMarked;

/** Setting, resetting and verifying voicemail PINs: verifiers, history, lockout and expiry. */
@NullMarked
package org.voxbox.pin;

import org.jspecify.annotations.NullMarked;

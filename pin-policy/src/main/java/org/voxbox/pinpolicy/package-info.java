/** The voicemail PIN rules: which PINs a person may choose under an organisation's policy, and how a refusal is worded. */
@org.jspecify.annotations.NullMarked
package org.voxbox.pinpolicy;

/** Call audio without sockets: RTP framing, G.711, RFC 4733 DTMF, reordering, WAV files, silence detection and paced sending. */
@org.jspecify.annotations.NullMarked
package org.voxbox.media;

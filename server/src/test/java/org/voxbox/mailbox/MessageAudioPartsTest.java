package org.voxbox.mailbox;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.voxbox.ApiTest;
import org.voxbox.media.Wav;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A message's audio read a part at a time, as the phone reads it, on SQLite and on PostgreSQL (the build runs this
 * class on both): the parts add up to the stored file byte for byte, every byte value included, and only the
 * owner's message has any.
 */
class MessageAudioPartsTest extends ApiTest {

	@Autowired
	VoiceMessages messages;

	@Test
	void thePartsOfAMessageAddUpToItsFileByteForByte() {
		UUID owner = owner();
		byte[] wav = wav(100_003, 7);
		UUID id = deposit(owner, wav);

		ByteArrayOutputStream read = new ByteArrayOutputStream();
		int offset = 0;
		while (true) {
			byte[] part = messages.audioPart(owner, id, offset, 4096).orElseThrow();
			assertThat(part.length).as("a part from byte %d", offset).isLessThanOrEqualTo(4096);
			read.writeBytes(part);
			offset += part.length;
			if (part.length < 4096) {
				break;
			}
		}
		assertThat(read.toByteArray()).isEqualTo(wav);
		assertThat(messages.audioPart(owner, id, 0, 1)).hasValueSatisfying(p -> assertThat(p).isEqualTo(new byte[] {'R'}));
		assertThat(messages.audioPart(owner, id, wav.length - 3, 4096))
			.hasValueSatisfying(p -> assertThat(p).isEqualTo(Arrays.copyOfRange(wav, wav.length - 3, wav.length)));
		assertThat(messages.audioPart(owner, id, wav.length, 4096)).as("at the end").hasValue(new byte[0]);
		assertThat(messages.audioPart(owner, id, wav.length + 5000, 10)).as("past the end").hasValue(new byte[0]);
	}

	@Test
	void onlyTheOwnersMessageWhileItIsThereHasParts() {
		UUID owner = owner();
		UUID other = owner();
		UUID id = deposit(owner, wav(8_000, 11));
		assertThat(messages.audioPart(other, id, 0, 4096)).as("another person's message").isEmpty();
		assertThat(messages.audioPart(owner, UUID.randomUUID(), 0, 4096)).as("no such message").isEmpty();
		assertThat(messages.delete(owner, id)).isTrue();
		assertThat(messages.audioPart(owner, id, 0, 4096)).as("deleted").isEmpty();
		assertThatThrownBy(() -> messages.audioPart(owner, id, -1, 10)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> messages.audioPart(owner, id, 0, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	private UUID owner() {
		return PublicId.PEOPLE.decode(voicemailUser("Part", "Reader", "en").id()).orElseThrow();
	}

	private UUID deposit(UUID owner, byte[] wav) {
		return messages.deposit(owner, new CallerId(null, "0612345678", false), 1000, false, "audio/x-wav;codec=ulaw", wav);
	}

	/** A µ-law WAV of {@code bytes} of audio holding every byte value, NUL included, in an order of its own. */
	private static byte[] wav(int bytes, long seed) {
		byte[] audio = new byte[bytes];
		new Random(seed).nextBytes(audio);
		for (int i = 0; i < 256; i++) {
			audio[i] = (byte) i;
		}
		return Wav.of(Wav.Encoding.MULAW, audio).toBytes();
	}
}

package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A message copied out of the store a part at a time, in the call's law, into a file of the playback spool that has
 * no name, and played from there — from its first bytes on, while the rest is copied: the same bytes, in the same
 * order, as the whole file converted at once.
 */
class PlaySpoolTest {

	/**
	 * The audio a copy has written when it reads its second part: what of the first part (after a 58-byte header)
	 * fills whole writes.
	 */
	private static final int FIRST_PARTS_WRITES = (PlaySpool.PART_BYTES - 58) / PlaySpool.COPY_BYTES
			* PlaySpool.COPY_BYTES;

	@TempDir
	Path directory;

	@Test
	void aMessageOfSeveralPartsIsCopiedWholeAndInOrderInEitherLawFromAnyStoredEncoding() {
		PlaySpool spool = new PlaySpool(directory);
		byte[] audio = noise(PlaySpool.PART_BYTES * 3 + 4322, 1);
		for (Wav.Encoding stored : Wav.Encoding.values()) {
			byte[] wav = Wav.of(stored, stored == Wav.Encoding.PCM_16 ? audio : Arrays.copyOf(audio, audio.length - 1))
				.toBytes();
			for (G711 law : G711.values()) {
				Store store = new Store(wav);
				byte[] played = play(copy(spool, store, law).orElseThrow());
				assertThat(played).as("%s played in %s", stored, law).isEqualTo(CallAudio.inLaw(wav, law));
				assertThat(store.largest).as("the most read from the store at a time").isEqualTo(PlaySpool.PART_BYTES);
			}
		}
	}

	@Test
	void otherChunksBeforeTheAudioAreSkippedUnreadAsWavReadingSkipsThem() {
		byte[] audio = noise(20_001, 2);
		byte[] list = noise(PlaySpool.PART_BYTES * 2 + 1, 3); // odd: a pad byte follows
		ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		chunks.writeBytes("WAVE".getBytes());
		chunk(chunks, "LIST", list);
		byte[] plain = Wav.of(Wav.Encoding.MULAW, audio).toBytes();
		chunks.write(plain, 12, plain.length - 12); // its fmt, fact and data chunks
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		chunk(file, "RIFF", chunks.toByteArray());
		byte[] wav = file.toByteArray();

		Store store = new Store(wav);
		assertThat(play(copy(new PlaySpool(directory), store, G711.ALAW).orElseThrow()))
			.isEqualTo(CallAudio.inLaw(wav, G711.ALAW));
		assertThat(store.asked).as("the parts read: the first and the audio's, not the LIST chunk's").isEqualTo(2);
	}

	@Test
	void theCopyHasNoNameInTheSpoolWhileItPlaysAndLeftoversOfACrashAreDeletedAtStart() throws IOException {
		Path leftover = Files.write(directory.resolve("2f0c.g711"), new byte[100]);
		PlaySpool spool = new PlaySpool(directory);
		assertThat(leftover).doesNotExist();

		byte[] wav = Wav.of(Wav.Encoding.ALAW, noise(40_000, 4)).toBytes();
		Playback.Part copy = copy(spool, new Store(wav), G711.ALAW).orElseThrow();
		assertThat(files()).as("while the copy is open").isEmpty();
		byte[] first = new byte[1000];
		assertThat(copy.read(first, 0, first.length)).isEqualTo(1000);
		copy.close();
		assertThat(first).isEqualTo(Arrays.copyOf(CallAudio.inLaw(wav, G711.ALAW), 1000));
	}

	@Test
	void aMessageDeletedBeforeTheCopyIsNotThereAndLeavesNothingAndOneDeletedDuringItEndsWhereTheCopyGotTo()
			throws IOException {
		PlaySpool spool = new PlaySpool(directory);
		assertThat(copy(spool, (offset, length) -> Optional.empty(), G711.ULAW)).isEmpty();
		assertThat(files()).isEmpty();

		byte[] wav = Wav.of(Wav.Encoding.MULAW, noise(PlaySpool.PART_BYTES * 2, 5)).toBytes();
		Store deletedAfterOnePart = new Store(wav) {

			@Override
			public Optional<byte[]> part(int offset, int length) {
				return asked == 1 ? Optional.empty() : super.part(offset, length);
			}
		};
		assertThat(play(copy(spool, deletedAfterOnePart, G711.ULAW).orElseThrow()))
			.isEqualTo(Arrays.copyOf(CallAudio.inLaw(wav, G711.ULAW), FIRST_PARTS_WRITES));
	}

	@Test
	void theCopyPlaysBeforeItIsCompleteAndWithSilenceShouldThePlayingCatchUpWithTheCopying() {
		byte[] wav = Wav.of(Wav.Encoding.ALAW, noise(PlaySpool.PART_BYTES * 2, 7)).toBytes();
		byte[] expected = CallAudio.inLaw(wav, G711.ALAW);
		byte[] silence = new byte[Recording.BYTES_PER_FRAME];
		Arrays.fill(silence, G711.ALAW.silence());
		AtomicReference<Playback.Part> playing = new AtomicReference<>();
		AtomicReference<byte[]> before = new AtomicReference<>();
		Store store = new Store(wav) {

			@Override
			public Optional<byte[]> part(int offset, int length) {
				if (asked == 1) {
					// The copy was handed over with its first bytes: play all there is, and a frame more.
					before.set(read(playing.get(), FIRST_PARTS_WRITES + Recording.BYTES_PER_FRAME));
				}
				return super.part(offset, length);
			}
		};
		new PlaySpool(directory).copy(store, G711.ALAW, copy -> playing.set(copy.orElseThrow()));

		assertThat(before.get()).as("played before the copy was complete")
			.isEqualTo(Playback.concat(Arrays.copyOf(expected, FIRST_PARTS_WRITES), silence));
		assertThat(play(playing.get())).as("the rest, once copied")
			.isEqualTo(Arrays.copyOfRange(expected, FIRST_PARTS_WRITES, expected.length));
	}

	@Test
	void whatIsNoWavFileVoxboxPlaysIsRefusedByName() {
		PlaySpool spool = new PlaySpool(directory);
		byte[] wav = Wav.of(Wav.Encoding.MULAW, noise(30_000, 6)).toBytes();
		assertThatThrownBy(() -> copy(spool, new Store("not a wav file at all".getBytes()), G711.ULAW))
			.isInstanceOf(IllegalArgumentException.class).hasMessage("not a RIFF/WAVE file");
		assertThatThrownBy(() -> copy(spool, new Store(Arrays.copyOf(wav, wav.length - 100)), G711.ULAW))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends");
		byte[] stereo = wav.clone();
		stereo[22] = 2; // channels
		assertThatThrownBy(() -> copy(spool, new Store(stereo), G711.ULAW))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 channel(s)");
	}

	/** A stored file, read a part at a time; counts the parts and the largest asked for. */
	private static class Store implements PlaySpool.StoredAudio {

		final byte[] file;

		int asked;

		int largest;

		Store(byte[] file) {
			this.file = file;
		}

		@Override
		public Optional<byte[]> part(int offset, int length) {
			asked++;
			largest = Math.max(largest, length);
			return Optional.of(Arrays.copyOfRange(file, Math.min(offset, file.length),
					Math.min(file.length, offset + length)));
		}
	}

	/** Reads {@code bytes} from {@code part}, which has them or plays silence. */
	private static byte[] read(Playback.Part part, int bytes) {
		byte[] read = new byte[bytes];
		for (int n = 0; n < bytes;) {
			int more = part.read(read, n, bytes - n);
			assertThat(more).as("more to read").isPositive();
			n += more;
		}
		return read;
	}

	/** What {@link PlaySpool#copy} hands over; it runs on the test's thread, so the copy is complete. */
	private static Optional<Playback.Part> copy(PlaySpool spool, PlaySpool.StoredAudio stored, G711 law) {
		AtomicReference<Optional<Playback.Part>> copy = new AtomicReference<>();
		spool.copy(stored, law, copy::set);
		return copy.get();
	}

	/** Everything the part holds, as the pacer reads it: a frame at a time. */
	private static byte[] play(Playback.Part part) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] frame = new byte[Recording.BYTES_PER_FRAME];
		for (int n; (n = part.read(frame, 0, frame.length)) > 0;) {
			out.write(frame, 0, n);
		}
		part.close();
		return out.toByteArray();
	}

	private static byte[] noise(int bytes, long seed) {
		byte[] noise = new byte[bytes];
		new Random(seed).nextBytes(noise);
		return noise;
	}

	private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
		out.writeBytes(id.getBytes());
		out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
		out.writeBytes(body);
		if (body.length % 2 == 1) {
			out.write(0);
		}
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}
}

package org.voxbox.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.voxbox.media.G711;
import org.voxbox.storage.DataDirectory;

/**
 * Messages on their way to a caller's ear, so that none sits whole in the heap: each is copied out of the store a
 * part of {@value #PART_BYTES} bytes at a time, in the call's law, into a file under {@code <data-dir>/spool/play}
 * that loses its name as it is opened (on Linux; elsewhere when it is closed), and {@link Playback} reads it
 * from there, {@value #READ_BYTES} bytes (a second) at a time, out of the page cache. The file's space goes when
 * its clip is closed. What a crash left in the directory is deleted at start.
 *
 * <p>Not a memory mapping: Java 17 unmaps a mapped file only when the garbage collector gets to its buffer, so the
 * deleted files' space, and one of the kernel's {@code vm.max_map_count} mappings each, would stay taken until then.
 */
@Component
class PlaySpool {

	/** How much of a stored message is read from the store at a time: the heap one copy needs, a few times over. */
	static final int PART_BYTES = 256 * 1024;

	/** How much of its copy a playing message reads at a time: the heap it holds while it plays. */
	static final int READ_BYTES = 8000;

	/** How much audio one copy converts at a time. */
	private static final int COPY_BYTES = 64 * 1024;

	private static final String SUFFIX = ".g711";

	private static final Logger log = LoggerFactory.getLogger(PlaySpool.class);

	/** Up to {@code length} bytes of a stored WAV file from byte {@code offset}, as {@code VoiceMessages.audioPart}. */
	@FunctionalInterface
	interface StoredAudio {

		/** Fewer at the end of the file, none past it; empty when the message is not (or no longer) there. */
		Optional<byte[]> part(int offset, int length);
	}

	private final Path directory;

	@Autowired
	PlaySpool(DataDirectory data) {
		this(data.root().resolve("spool").resolve("play"));
	}

	/** A spool in {@code directory}, made when missing and emptied of what an earlier run left. */
	PlaySpool(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
			try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
				for (Path leftover : leftovers) {
					Files.deleteIfExists(leftover);
				}
			}
		}
		catch (IOException ex) {
			log.error("cannot prepare the playback spool {}: messages cannot be played by phone ({})", directory,
					ex.toString());
		}
	}

	/**
	 * The message {@code stored} in {@code law}, copied into a file of this spool, to be played once; empty when
	 * there is no such message, or it was deleted during the copy. Called on the slow executor: it waits for the
	 * database and the disk.
	 *
	 * @throws IllegalArgumentException when the stored audio is no WAV file Voxbox plays
	 * @throws UncheckedIOException when the spool cannot take the copy
	 */
	Optional<Playback.Part> copy(StoredAudio stored, G711 law) {
		Path file = directory.resolve(UUID.randomUUID() + SUFFIX);
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make a file in the playback spool " + directory, ex);
		}
		boolean kept = false;
		try {
			CallAudio.copyInLaw(new Parts(stored), law, Channels.newOutputStream(channel), COPY_BYTES);
			kept = true;
			return Optional.of(new Copy(channel));
		}
		catch (Gone ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy a message into the playback spool " + directory, ex);
		}
		finally {
			if (!kept) {
				close(channel);
			}
		}
	}

	private static void close(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// the file is gone either way
		}
	}

	/** The message is not in the store (any more). */
	private static final class Gone extends IOException {

		Gone() {
			super("the message is not in the store");
		}
	}

	/** A stored WAV file as a stream, read from the store a part at a time. */
	private static final class Parts extends InputStream {

		private final StoredAudio stored;

		private byte[] part = new byte[0];

		private int at;

		/** Where in the file the next part starts. */
		private long next;

		/** Whether the last part was read. */
		private boolean end;

		Parts(StoredAudio stored) {
			this.stored = stored;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] into, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (at == part.length && !fetch()) {
				return -1;
			}
			int n = Math.min(length, part.length - at);
			System.arraycopy(part, at, into, offset, n);
			at += n;
			return n;
		}

		/** Skips without reading what is skipped from the store. */
		@Override
		public long skip(long n) {
			if (n <= 0) {
				return 0;
			}
			int inPart = part.length - at;
			if (n <= inPart) {
				at += (int) n;
				return n;
			}
			next += n - inPart;
			part = new byte[0];
			at = 0;
			end = false;
			return n;
		}

		/** Reads the next part; false at the end of the file. */
		private boolean fetch() throws IOException {
			if (end || next >= Integer.MAX_VALUE) {
				return false;
			}
			part = stored.part((int) next, PART_BYTES).orElseThrow(Gone::new);
			at = 0;
			next += part.length;
			end = part.length < PART_BYTES;
			return part.length > 0;
		}
	}

	/** A copy being played: read a second at a time, on the pacer's thread, from the page cache. */
	private static final class Copy implements Playback.Part {

		private final FileChannel file;

		private final ByteBuffer ahead = ByteBuffer.allocate(READ_BYTES).limit(0);

		private long position;

		Copy(FileChannel file) {
			this.file = file;
		}

		@Override
		public int read(byte[] into, int offset, int length) {
			if (!ahead.hasRemaining()) {
				ahead.clear();
				try {
					int n = file.read(ahead, position);
					position += Math.max(0, n);
				}
				catch (IOException ex) {
					// closed, or the disk failed: the message ends here
					log.warn("cannot read a message being played from the playback spool: {}", ex.toString());
					ahead.clear();
					position = Long.MAX_VALUE;
				}
				ahead.flip();
			}
			int n = Math.min(length, ahead.remaining());
			ahead.get(into, offset, n);
			return n;
		}

		@Override
		public void close() {
			PlaySpool.close(file);
		}
	}
}

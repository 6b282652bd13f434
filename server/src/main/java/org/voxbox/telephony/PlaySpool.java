package org.voxbox.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.voxbox.media.G711;
import org.voxbox.storage.DataDirectory;

/**
 * Messages on their way to a caller's ear, so that none sits whole in the heap: each is copied out of the store a
 * part of {@value #PART_BYTES} bytes at a time, in the call's law, into a file under {@code <data-dir>/playback}
 * (beside the recording spool, not in it) that loses its name as it is opened (on Linux; elsewhere when it is closed), and {@link Playback} reads it
 * from there, {@value #READ_BYTES} bytes (a second) at a time, out of the page cache. It plays as soon as its first
 * {@value #COPY_BYTES} bytes are in, while the rest is copied: SQLite reads a whole blob for every part, so a long
 * message takes a while (an hour's, about 3 s). The file's space goes when its clip is closed. What a crash left in
 * the directory is deleted at start.
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

	/** How much audio a copy converts and writes at a time; the first of these starts the playing (8 s). */
	static final int COPY_BYTES = 64 * 1024;

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
		this(data.root().resolve("playback"));
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
	 * Copies the message {@code stored}, in {@code law}, into a file of this spool, to be played once. Hands
	 * {@code ready} the copy as soon as its first {@value #COPY_BYTES} bytes are in — or nothing, when there is no
	 * such message — and goes on copying the rest while it plays; a copy that is closed meanwhile (the caller went
	 * on) stops, and a message deleted meanwhile ends where the copy got to. Called on the slow executor: it waits
	 * for the database and the disk.
	 *
	 * @throws IllegalArgumentException when the stored audio is no WAV file Voxbox plays
	 * @throws UncheckedIOException when the spool cannot take the copy
	 */
	void copy(StoredAudio stored, G711 law, Consumer<Optional<Playback.Part>> ready) {
		Path file = directory.resolve(UUID.randomUUID() + SUFFIX);
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make a file in the playback spool " + directory, ex);
		}
		Copy copy = new Copy(channel, law.silence());
		Writer writer = new Writer(copy, ready);
		boolean failed = true;
		try {
			CallAudio.copyInLaw(new Parts(stored), law, writer, COPY_BYTES);
			copy.complete();
			writer.handOver();
			failed = false;
		}
		catch (Gone ex) {
			failed = false;
			if (!writer.handedOver()) {
				close(channel);
				ready.accept(Optional.empty());
			}
		}
		catch (ClosedChannelException ex) {
			failed = false; // closed by its playback: the caller went on
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy a message into the playback spool " + directory, ex);
		}
		finally {
			copy.complete();
			if (failed && !writer.handedOver()) {
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

	/** Writes a copy's file, and hands the copy over once its first bytes are in. */
	private static final class Writer extends OutputStream {

		private final Copy copy;

		private final Consumer<Optional<Playback.Part>> ready;

		private boolean handed;

		Writer(Copy copy, Consumer<Optional<Playback.Part>> ready) {
			this.copy = copy;
			this.ready = ready;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] {(byte) b}, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
			long at = copy.written;
			while (buffer.hasRemaining()) {
				at += copy.file.write(buffer, at);
			}
			copy.written = at;
			handOver();
		}

		void handOver() {
			if (!handed) {
				handed = true;
				ready.accept(Optional.of(copy));
			}
		}

		boolean handedOver() {
			return handed;
		}
	}

	/**
	 * A copy being played: read a second at a time, on the pacer's thread, from the page cache, as far as it has been
	 * written. Should the playing ever catch up with the copying, it plays silence until more is in.
	 */
	private static final class Copy implements Playback.Part {

		private final FileChannel file;

		private final byte silence;

		private final ByteBuffer ahead = ByteBuffer.allocate(READ_BYTES).limit(0);

		/** How much of the file has been written; only the copying thread moves it. */
		private volatile long written;

		/** Whether the copying is over: {@link #written} moves no more. */
		private volatile boolean complete;

		/** How much of the file has been read. */
		private long position;

		/** Whether it cannot be read any further. */
		private boolean broken;

		Copy(FileChannel file, byte silence) {
			this.file = file;
			this.silence = silence;
		}

		void complete() {
			complete = true;
		}

		@Override
		public int read(byte[] into, int offset, int length) {
			if (!ahead.hasRemaining() && !broken) {
				boolean whole = complete; // before written: once complete, written is final
				long available = written - position;
				if (available <= 0) {
					if (whole) {
						return 0;
					}
					Arrays.fill(into, offset, offset + length, silence);
					return length;
				}
				ahead.clear().limit((int) Math.min(READ_BYTES, available));
				try {
					position += Math.max(0, file.read(ahead, position));
				}
				catch (IOException ex) {
					// closed, or the disk failed: the message ends here
					log.warn("cannot read a message being played from the playback spool: {}", ex.toString());
					broken = true;
					ahead.clear();
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

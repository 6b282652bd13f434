package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message being recorded, on disk in the {@link RecordingSpool}: {@code <id>.properties} says whose it is and
 * who called, {@code <id>.g711} holds the caller's audio as it arrives. {@link #append} only buffers (it runs on
 * the media thread); the spool's thread writes the buffer out and forces it to the device every
 * {@code voxbox.sip.spool-sync-millis} ({@link #sync}), so a crash loses at most that much of the message. Once
 * the message is stored the files are {@link #delete deleted}; when the store refused it they are
 * {@link #keep kept} for the spool to try again.
 */
final class SpoolFile implements Recording.Audio {

	private static final Logger log = LoggerFactory.getLogger(SpoolFile.class);

	private final RecordingSpool spool;

	private final String id;

	private final Path meta;

	private final Path audio;

	private final FileChannel channel;

	/** Appended, not yet written. Guarded by {@code this}. */
	private Bytes pending = new Bytes();

	/** The buffer being written out, swapped with {@link #pending} at each sync: no allocation once warm. Guarded by {@code io}. */
	private Bytes writing = new Bytes();

	/** What of {@link #writing} is still to be written. Guarded by {@code io}. */
	private @Nullable ByteBuffer outgoing;

	private int size;

	/** Serialises writing and forcing (the spool's thread, and whoever reads the audio back). */
	private final Object io = new Object();

	private volatile boolean closed;

	SpoolFile(RecordingSpool spool, String id, Path meta, Path audio, FileChannel channel) {
		this.spool = spool;
		this.id = id;
		this.meta = meta;
		this.audio = audio;
		this.channel = channel;
	}

	String id() {
		return id;
	}

	@Override
	public synchronized void append(byte[] bytes, int offset, int length) {
		pending.write(bytes, offset, length);
		size += length;
	}

	@Override
	public synchronized int size() {
		return size;
	}

	/** Writes what was appended and forces it to the device. On the spool's thread, or the call's. */
	void sync() throws IOException {
		synchronized (io) {
			if (closed) {
				return;
			}
			boolean wrote = false;
			while (true) {
				// A write that failed (disk full) is resumed where it stopped: the audio stays in order.
				if (outgoing == null || !outgoing.hasRemaining()) {
					writing.reset();
					synchronized (this) {
						if (pending.size() == 0) {
							break;
						}
						Bytes full = pending;
						pending = writing;
						writing = full;
					}
					outgoing = writing.view();
				}
				while (outgoing.hasRemaining()) {
					channel.write(outgoing);
				}
				wrote = true;
			}
			if (wrote) {
				channel.force(false);
			}
		}
	}

	@Override
	public byte[] read(int length) {
		try {
			synchronized (io) {
				if (closed) {
					return new byte[0]; // discarded (the caller was transferred), or already handed on
				}
				sync();
				int n = (int) Math.min(length, channel.size());
				ByteBuffer buffer = ByteBuffer.allocate(n);
				while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
					// reads until full
				}
				return buffer.array();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read back spooled message " + id, ex);
		}
	}

	/** The message was stored, or is not wanted: the files go. */
	void delete() {
		close();
		try {
			Files.deleteIfExists(audio);
			Files.deleteIfExists(meta);
		}
		catch (IOException ex) {
			log.warn("cannot delete spooled message {}: {}", id, ex.toString());
		}
	}

	@Override
	public void discard() {
		delete();
	}

	/**
	 * The store refused the message: its first {@code length} bytes stay on disk, marked complete, for the spool
	 * to store later.
	 *
	 * @return whether they are safely on disk
	 */
	boolean keep(int length) {
		try {
			sync();
			close();
			Properties properties = RecordingSpool.load(meta);
			properties.setProperty("length", Integer.toString(length));
			RecordingSpool.write(meta, properties);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.error("cannot keep a refused message in the spool ({}): it is lost", ex.toString());
			return false;
		}
	}

	private void close() {
		synchronized (io) {
			if (closed) {
				return;
			}
			closed = true;
			try {
				channel.close();
			}
			catch (IOException ex) {
				log.debug("closing spooled message {}: {}", id, ex.toString());
			}
		}
		spool.closed(this);
	}

	/** A byte buffer that grows as needed and can be written out without a copy. */
	private static final class Bytes extends ByteArrayOutputStream {

		Bytes() {
			super(8 * 1024);
		}

		/** What was written since the last reset, in place. */
		ByteBuffer view() {
			return ByteBuffer.wrap(buf, 0, count);
		}
	}
}

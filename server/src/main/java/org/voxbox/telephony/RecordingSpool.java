package org.voxbox.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.mailbox.MailboxFull;
import org.voxbox.mailbox.MessageDeposit;
import org.voxbox.media.G711;
import org.voxbox.storage.DataDirectory;

/**
 * Messages on their way to the store, on disk under {@code <data-dir>/spool}, so that nothing a caller said is
 * lost: each message is recorded into a {@link SpoolFile} forced to the device every
 * {@code voxbox.sip.spool-sync-millis}; a message the store refused stays here and is tried again every
 * {@code voxbox.sip.spool-retry-seconds}; and what a crash left behind (a message cut off mid-recording) is
 * stored at the next start — a second or more of it, as received when its call began — and the spool is
 * cleaned. One thread does all of it, never the threads that carry calls.
 *
 * <p>Starts before the SIP endpoint and stops after it, so a graceful stop stores the calls in progress first.
 */
@Component
class RecordingSpool implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecordingSpool.class);

	private static final String META = ".properties";

	private static final String AUDIO = ".g711";

	private final Path directory;

	private final SipSettings settings;

	private final People people;

	private final MessageDeposit deposits;

	private final Map<String, SpoolFile> open = new ConcurrentHashMap<>();

	/** The spool's thread while it runs; a new one at each start (a context may be stopped and started again). */
	private @Nullable ScheduledExecutorService thread;

	private volatile boolean running;

	private volatile int waiting;

	RecordingSpool(DataDirectory data, SipSettings settings, People people, MessageDeposit deposits,
			MeterRegistry meters) {
		this.directory = data.root().resolve("spool");
		this.settings = settings;
		this.people = people;
		this.deposits = deposits;
		Gauge.builder("voxbox.messages.spooled", this, s -> s.waiting)
			.description("Messages the store refused, waiting in the spool to be stored").register(meters);
	}

	@Override
	public void start() {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			log.error("cannot create the recording spool {}: messages are kept in memory only ({})", directory,
					ex.toString());
		}
		ScheduledExecutorService spool = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "recording-spool");
			t.setDaemon(true);
			return t;
		});
		spool.scheduleWithFixedDelay(this::syncAll, settings.spoolSyncMillis(), settings.spoolSyncMillis(),
				TimeUnit.MILLISECONDS);
		spool.scheduleWithFixedDelay(this::storeWaiting, 0, settings.spoolRetrySeconds(), TimeUnit.SECONDS);
		thread = spool;
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		ScheduledExecutorService spool = thread;
		thread = null;
		if (spool != null) {
			spool.shutdown();
			try {
				spool.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		syncAll();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	/**
	 * A new spool file for a message about to be recorded.
	 *
	 * @throws IOException when the spool cannot take it (the caller then records in memory)
	 */
	SpoolFile open(Person owner, CallerId caller, boolean urgent, G711 law, Instant started) throws IOException {
		String id = UUID.randomUUID().toString();
		Properties properties = new Properties();
		properties.setProperty("owner", owner.id().toString());
		if (caller.name() != null) {
			properties.setProperty("callerName", caller.name());
		}
		if (caller.number() != null) {
			properties.setProperty("callerNumber", caller.number());
		}
		properties.setProperty("callerPrivate", Boolean.toString(caller.privacy()));
		properties.setProperty("urgent", Boolean.toString(urgent));
		properties.setProperty("law", law.name());
		properties.setProperty("received", Long.toString(started.toEpochMilli()));
		Path meta = directory.resolve(id + META);
		Path audio = directory.resolve(id + AUDIO);
		write(meta, properties); // first: audio without its properties would be nobody's
		FileChannel channel;
		try {
			channel = FileChannel.open(audio, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
					StandardOpenOption.READ);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(meta);
			throw ex;
		}
		SpoolFile file = new SpoolFile(this, id, meta, audio, channel);
		open.put(id, file);
		return file;
	}

	/** The file is closed: no more syncing; if it is still on disk, it is the spool's to store. */
	void closed(SpoolFile file) {
		open.remove(file.id());
	}

	private void syncAll() {
		for (SpoolFile file : open.values()) {
			try {
				file.sync();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("cannot write a message being recorded to the spool: {}", ex.toString());
			}
		}
	}

	/** Stores every message in the spool that no call is recording: refused ones, and a crash's leftovers. */
	void storeWaiting() {
		if (!Files.isDirectory(directory)) {
			return;
		}
		int left = 0;
		try (DirectoryStream<Path> metas = Files.newDirectoryStream(directory, "*" + META)) {
			for (Path meta : metas) {
				String id = meta.getFileName().toString();
				id = id.substring(0, id.length() - META.length());
				if (!open.containsKey(id) && !store(id, meta)) {
					left++;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("cannot read the recording spool {}: {}", directory, ex.toString());
		}
		waiting = left;
	}

	/** Stores one spooled message; whether it is gone from the spool. */
	private boolean store(String id, Path meta) {
		Path audioFile = directory.resolve(id + AUDIO);
		try {
			if (!Files.exists(audioFile)) {
				Files.deleteIfExists(meta);
				return true;
			}
			Properties properties = load(meta);
			G711 law = G711.valueOf(properties.getProperty("law"));
			byte[] audio = Files.readAllBytes(audioFile);
			String length = properties.getProperty("length");
			if (length != null) {
				audio = Arrays.copyOf(audio, Math.min(audio.length, Integer.parseInt(length)));
			}
			Optional<Person> owner = people.find(UUID.fromString(properties.getProperty("owner")));
			if (audio.length / 8 < Deposit.MIN_MESSAGE_MILLIS || owner.isEmpty()) {
				if (owner.isEmpty()) {
					log.warn("dropping spooled message {}: its mailbox's owner no longer exists", id);
				}
				delete(id);
				return true;
			}
			CallerId caller = new CallerId(properties.getProperty("callerName"), properties.getProperty("callerNumber"),
					Boolean.parseBoolean(properties.getProperty("callerPrivate")));
			boolean urgent = Boolean.parseBoolean(properties.getProperty("urgent"));
			Instant received = Instant.ofEpochMilli(Long.parseLong(properties.getProperty("received")));
			if (store(owner.get(), caller, urgent, law, received, audio) != Stored.FAILED) {
				log.info("stored spooled message {} ({} ms{})", id, audio.length / 8,
						length == null ? ", cut off by a crash" : "");
				delete(id);
				return true;
			}
			return false;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("cannot store spooled message {}: {}", id, ex.toString());
			return false;
		}
	}

	/** What became of a message handed to the store. */
	enum Stored {
		/** It is in the mailbox. */
		YES,
		/** Never will be: the mailbox filled up while it was recorded (reported as lost). */
		NO_ROOM,
		/** The store failed; try again. */
		FAILED
	}

	/**
	 * Stores a recorded message: whole, or when the mailbox filled up meanwhile (another caller's message came
	 * first), as much of it as fits if that is a second or more.
	 */
	Stored store(Person owner, CallerId caller, boolean urgent, G711 law, Instant received, byte[] audio) {
		try {
			return deposits.store(owner, caller, received, audio.length / 8, urgent, CallAudio.format(law),
					CallAudio.wav(law, audio)).isPresent() ? Stored.YES : Stored.FAILED;
		}
		catch (MailboxFull full) {
			int fits = full.remainingMillis() * 8;
			if (fits / 8 < Deposit.MIN_MESSAGE_MILLIS || fits >= audio.length) {
				log.warn("a {} ms message did not fit in a mailbox that filled up meanwhile", audio.length / 8);
				deposits.lost(owner, audio.length / 8);
				return Stored.NO_ROOM;
			}
			return store(owner, caller, urgent, law, received, Arrays.copyOf(audio, fits));
		}
	}

	private void delete(String id) throws IOException {
		Files.deleteIfExists(directory.resolve(id + AUDIO));
		Files.deleteIfExists(directory.resolve(id + META));
	}

	static Properties load(Path meta) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(meta)) {
			properties.load(in);
		}
		return properties;
	}

	/** Writes the properties atomically and durably: a temporary file, forced, moved over the old one. */
	static void write(Path meta, Properties properties) throws IOException {
		Path temporary = meta.resolveSibling(meta.getFileName() + ".tmp");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
			properties.store(out, null);
			out.flush();
			channel.force(true);
		}
		Files.move(temporary, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		forceDirectory(meta.getParent());
	}

	private static void forceDirectory(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			log.debug("cannot force directory {}: {}", directory, ex.toString());
		}
	}
}

package org.voxbox.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The directory that holds the embedded database and the secrets Voxbox generates for itself. */
public final class DataDirectory {

	private final Path root;

	DataDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create data directory " + this.root, ex);
		}
	}

	public Path root() {
		return root;
	}

	/**
	 * Returns the secret stored in {@code name}, generating {@code bytes} random bytes into a file readable by
	 * its owner only when the file does not exist yet. Safe when several processes start at once: the first
	 * writer wins and the others read its value. A generated secret is on disk, its directory entry included,
	 * before this returns.
	 */
	public byte[] secret(String name, int bytes) {
		return readSecret(name).orElseGet(() -> {
			create(name, bytes);
			return readSecret(name).orElseThrow(() -> new IllegalStateException("secret file " + root.resolve(name) + " vanished"));
		});
	}

	/** The secret stored in {@code name}, or empty when there is no such file. */
	public Optional<byte[]> readSecret(String name) {
		Path file = root.resolve(name);
		try {
			byte[] value = HexFormat.of().parseHex(Files.readString(file).strip());
			if (value.length < 16) {
				throw new IllegalStateException("secret file " + file + " holds fewer than 16 bytes");
			}
			return Optional.of(value);
		}
		catch (NoSuchFileException absent) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read secret file " + file, ex);
		}
	}

	/**
	 * Writes a fresh secret durably: into a temporary file that is forced to disk, then put in place in one step,
	 * then the directory is synced so the new entry survives a crash. The file is put in place by a hard link,
	 * which (unlike a rename) never replaces a file another process put there first; where links are not
	 * supported, by an atomic rename.
	 */
	private void create(String name, int bytes) {
		Path file = root.resolve(name);
		byte[] fresh = new byte[bytes];
		new SecureRandom().nextBytes(fresh);
		try {
			Path tmp = Files.createTempFile(root, name, ".tmp");
			try {
				restrictToOwner(tmp);
				try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
					ByteBuffer text = ByteBuffer.wrap(HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII));
					while (text.hasRemaining()) {
						out.write(text);
					}
					out.force(true);
				}
				try {
					Files.createLink(file, tmp);
				}
				catch (FileAlreadyExistsException raced) {
					// Another process was first; its secret stands.
				}
				catch (UnsupportedOperationException | IOException noLinks) {
					if (Files.exists(file)) {
						return;
					}
					Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
			syncDirectory();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create secret file " + file, ex);
		}
	}

	private void syncDirectory() throws IOException {
		try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
			dir.force(true);
		}
		catch (IOException ex) {
			if (File.separatorChar != '\\') {
				throw ex;
			}
			// Windows cannot open a directory as a file; NTFS journals the entry itself.
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the file inherits the data directory's ACL.
		}
	}
}

package org.voxbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

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
	 * writer wins and the others read its value.
	 */
	public byte[] secret(String name, int bytes) {
		Path file = root.resolve(name);
		try {
			if (!Files.exists(file)) {
				byte[] fresh = new byte[bytes];
				new SecureRandom().nextBytes(fresh);
				Path tmp = Files.createTempFile(root, name, ".tmp");
				restrictToOwner(tmp);
				Files.writeString(tmp, HexFormat.of().formatHex(fresh));
				try {
					Files.move(tmp, file);
				}
				catch (FileAlreadyExistsException raced) {
					Files.deleteIfExists(tmp);
				}
			}
			byte[] value = HexFormat.of().parseHex(Files.readString(file).strip());
			if (value.length < 16) {
				throw new IllegalStateException("secret file " + file + " holds fewer than 16 bytes");
			}
			return value;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create secret file " + file, ex);
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

package org.voxbox.directory;

import java.text.Normalizer;

/**
 * Names as people type them: stored in Unicode NFC (so {@code é} typed either way is one name, and compares and
 * searches as one), and refused when they hold characters that change how the text around them is shown without
 * showing themselves — bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF) — with which a name can pose as another in the portal and in lists.
 */
final class Names {

	private Names() {
	}

	/** {@code text} stripped and in NFC. */
	static String normalise(String text) {
		return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
	}

	/** Whether {@code text} holds a control character, a bidirectional control or a zero-width character. */
	static boolean hasHiddenCharacters(String text) {
		return text.codePoints().anyMatch(Names::hidden);
	}

	private static boolean hidden(int c) {
		return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
				|| (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
	}
}

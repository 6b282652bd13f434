package org.voxbox.pinpolicy;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns a name into the digits a person would type to spell it on a phone keypad (the specification's steps 1–4). */
final class KeypadSpelling {

	private static final String KEYPAD = "22233344455566677778889999";

	private KeypadSpelling() {
	}

	/**
	 * The keypad digits for {@code name}: NFKD with combining marks dropped, the letters that do
	 * not decompose mapped (ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, ð→d, þ→th, ı→i, in either case),
	 * lower-cased, everything but a–z dropped, then abc→2 … wxyz→9. Empty if nothing is left.
	 */
	static String of(String name) {
		String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		StringBuilder letters = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); ) {
			int cp = decomposed.codePointAt(i);
			i += Character.charCount(cp);
			if (isMark(cp)) {
				continue;
			}
			String mapped = undecomposable(cp);
			if (mapped != null) {
				letters.append(mapped);
			} else {
				letters.appendCodePoint(cp);
			}
		}
		String lower = letters.toString().toLowerCase(Locale.ROOT);
		StringBuilder digits = new StringBuilder(lower.length());
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (c >= 'a' && c <= 'z') {
				digits.append(KEYPAD.charAt(c - 'a'));
			}
		}
		return digits.toString();
	}

	private static boolean isMark(int cp) {
		int type = Character.getType(cp);
		return type == Character.NON_SPACING_MARK
				|| type == Character.ENCLOSING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	private static @Nullable String undecomposable(int cp) {
		return switch (cp) {
			case 'ß', 'ẞ' -> "ss";
			case 'æ', 'Æ' -> "ae";
			case 'œ', 'Œ' -> "oe";
			case 'ø', 'Ø' -> "o";
			case 'ł', 'Ł' -> "l";
			case 'đ', 'Đ', 'ð', 'Ð' -> "d";
			case 'þ', 'Þ' -> "th";
			case 'ı' -> "i";
			default -> null;
		};
	}
}

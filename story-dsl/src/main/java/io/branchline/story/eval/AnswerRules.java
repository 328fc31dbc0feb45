package io.branchline.story.eval;

/** What a viewer's typed answer must be: cleaned of invisible characters, 1 to 40 characters after trimming, no control characters. */
public final class AnswerRules {

    /** The most characters an answer may have. */
    public static final int MAX_LENGTH = 40;

    private AnswerRules() {
    }

    /**
     * The answer without the characters a viewer cannot see: format characters (Unicode Cf:
     * the bidirectional controls U+202A–U+202E and U+2066–U+2069, zero-width spaces and
     * joiners, the byte-order mark, soft hyphens) and unpaired surrogates. Every way an
     * answer enters a story goes through here, because the answer is later drawn into titles
     * and captions, where such characters would reorder or hide what is shown. Keyboards and
     * copied text add them without the viewer knowing, so they are dropped rather than
     * refused; control characters (Cc) are not typed by accident and stay for
     * {@link #problem} to refuse. Zero-width joiners go too, so an emoji sequence falls apart
     * into its parts: a fair price for text that shows what it holds.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(AnswerRules::visible).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean visible(int c) {
        int type = Character.getType(c);
        return type != Character.FORMAT && type != Character.SURROGATE;
    }

    /** What is wrong with an answer (already cleaned and trimmed), as the end of a sentence; null when it is fine. */
    public static String problem(String trimmed) {
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0) {
            return "is empty; expected 1 to " + MAX_LENGTH + " characters";
        }
        if (length > MAX_LENGTH) {
            return "is " + length + " characters long; expected at most " + MAX_LENGTH;
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            return "holds a control character; expected plain text";
        }
        return null;
    }
}
